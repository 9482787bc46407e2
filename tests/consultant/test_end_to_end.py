"""Question in over SMTP, answer out over SMTP, through the task worker."""

import smtplib

import pytest

from codingdesk.consultant.models import InboundMessage, InboundStatus, Reply, ReplyStatus
from tests.tasks import run_tasks
from tests.consultant.mail import question_mail

pytestmark = pytest.mark.django_db(transaction=True)


def send(receiver, raw: bytes, sender="alice@example.com"):
    with smtplib.SMTP("127.0.0.1", receiver.test_port, timeout=10) as client:
        client.sendmail(sender, ["ask@localhost"], raw)


def test_a_member_gets_a_threaded_cited_answer_and_can_follow_up(pro_alice, receiver, smtp_sink):
    send(receiver, question_mail(subject="Sepsis question", message_id="<first@example.com>"))
    run_tasks()
    (answer,) = smtp_sink.messages
    assert answer["Subject"] == "Re: Sepsis question"
    assert answer["In-Reply-To"] == "<first@example.com>"
    assert "Sources:" in answer.get_body(("plain",)).get_content()

    follow_up = question_mail(
        subject="Re: Sepsis question",
        body="What if the patient also has acute kidney failure?\n\nOn Friday the consultant wrote:\n> earlier answer",
        in_reply_to=answer["Message-ID"],
        references=f"<first@example.com> {answer['Message-ID']}",
    )
    send(receiver, follow_up)
    run_tasks()
    second = smtp_sink.messages[1]
    assert second["In-Reply-To"] != answer["In-Reply-To"]
    assert answer["Message-ID"] in second["References"]
    consultations = {inbound.consultation_id for inbound in InboundMessage.objects.all()}
    assert len(consultations) == 1
    assert Reply.objects.filter(status=ReplyStatus.SENT).count() == 2


def test_attachments_are_ignored_and_the_reply_says_so(pro_alice, receiver, smtp_sink):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "alice@example.com", "ask@localhost", "Op note"
    message["Message-ID"] = "<attached@example.com>"
    message.set_content("Which guidelines apply to sepsis sequencing?")
    message.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="op-note.pdf")
    send(receiver, message.as_bytes())
    run_tasks()
    (reply,) = smtp_sink.messages
    assert "op-note.pdf" in reply.get_body(("plain",)).get_content()
    assert "were not read" in reply.get_body(("plain",)).get_content()


def test_a_spoofed_unknown_sender_gets_nothing(receiver, smtp_sink, db):
    send(receiver, question_mail(sender="ceo@bank.example"), sender="ceo@bank.example")
    run_tasks()
    assert InboundMessage.objects.get().status == InboundStatus.REJECTED
    assert smtp_sink.messages == []


def test_a_header_injection_in_the_subject_stays_in_the_subject(pro_alice, receiver, smtp_sink):
    raw = question_mail(subject="placeholder").replace(
        b"Subject: placeholder", b"Subject: =?utf-8?q?Help=0D=0ABcc:_victim@example.org?="
    )
    send(receiver, raw)
    run_tasks()
    (reply,) = smtp_sink.messages
    assert reply["Bcc"] is None
    assert "victim@example.org" in reply["Subject"]
    assert "\n" not in reply["Subject"]


def test_a_reply_loop_with_an_autoresponder_stops_at_once(pro_alice, receiver, smtp_sink):
    send(receiver, question_mail(headers={"Auto-Submitted": "auto-replied"}, subject="Out of office"))
    send(receiver, question_mail(sender="ask@localhost", subject="Re: Sepsis"), sender="ask@localhost")
    run_tasks()
    assert smtp_sink.messages == []
