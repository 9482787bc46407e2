import datetime

import pytest
from django.utils import timezone

from codingdesk.consultant.models import Reply, ReplyStatus
from codingdesk.consultant.services import inbound_message_process, inbound_message_store, reply_send
from codingdesk.consultant.services.sending import retry_delay
from tests.consultant.mail import question_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer(pro_alice) -> Reply:
    inbound, _ = inbound_message_store(raw=question_mail(subject="Sepsis", message_id="<q1@example.com>"))
    inbound_message_process(inbound_id=inbound.pk)
    return Reply.objects.get(inbound=inbound)


def test_it_sends_the_answer_over_smtp_threaded_under_the_question(answer, smtp_sink):
    assert reply_send(reply_id=answer.pk)
    (sent,) = smtp_sink.messages
    assert sent["Subject"] == "Re: Sepsis"
    assert sent["To"] == "alice@example.com"
    assert sent["From"].addresses[0].addr_spec == "ask@localhost"
    assert sent["In-Reply-To"] == "<q1@example.com>"
    assert sent["References"] == "<q1@example.com>"
    assert sent["Message-ID"] == answer.message_id
    assert sent["Auto-Submitted"] == "auto-replied"
    answer.refresh_from_db()
    assert (answer.status, answer.attempts) == (ReplyStatus.SENT, 1)
    assert answer.sent_at is not None


def test_the_reply_has_a_text_part_and_an_html_part_with_site_links(answer, smtp_sink):
    reply_send(reply_id=answer.pk)
    (sent,) = smtp_sink.messages
    text = sent.get_body(("plain",)).get_content()
    html = sent.get_body(("html",)).get_content()
    assert "Sources:" in text
    assert "https://coding.example/" in text
    assert '<a href="https://coding.example/' in html
    consultation_url = f"https://coding.example/consultations/{answer.consultation_id}/"
    assert f"consultation {answer.consultation_id}: {consultation_url}" in text
    assert consultation_url in html


def test_a_sent_reply_is_never_sent_again(answer, smtp_sink):
    assert reply_send(reply_id=answer.pk)
    assert not reply_send(reply_id=answer.pk)
    assert len(smtp_sink.messages) == 1


def test_a_refused_send_is_retried_later_with_backoff(answer, smtp_sink):
    smtp_sink.handler.refuse_with = "451 4.3.0 Try again later"
    assert not reply_send(reply_id=answer.pk)
    answer.refresh_from_db()
    assert answer.status == ReplyStatus.QUEUED
    assert "451" in answer.last_error
    assert answer.next_attempt_at > timezone.now() + datetime.timedelta(seconds=20)
    # Not yet due: a task that runs early does nothing.
    assert not reply_send(reply_id=answer.pk)
    smtp_sink.handler.refuse_with = None
    Reply.objects.filter(pk=answer.pk).update(next_attempt_at=timezone.now())
    assert reply_send(reply_id=answer.pk)
    assert len(smtp_sink.messages) == 1


def test_an_unreachable_server_fails_for_good_after_the_last_attempt(answer, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens on 9
    settings.CONSULTANT_SEND_MAX_ATTEMPTS = 2
    reply_send(reply_id=answer.pk)
    Reply.objects.filter(pk=answer.pk).update(next_attempt_at=timezone.now())
    reply_send(reply_id=answer.pk)
    answer.refresh_from_db()
    assert (answer.status, answer.attempts) == (ReplyStatus.FAILED, 2)
    assert "Connection refused" in answer.last_error or "Errno" in answer.last_error


def test_the_backoff_grows_and_is_capped():
    delays = [retry_delay(attempt).total_seconds() for attempt in range(1, 9)]
    assert delays[:4] == [30, 120, 480, 1920]
    assert max(delays) == 6 * 3600
