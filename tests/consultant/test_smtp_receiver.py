"""The receiver over a real SMTP conversation on loopback."""

import smtplib

import pytest

from codingdesk.consultant.models import InboundMessage, InboundSource
from codingdesk.consultant.smtp_receiver import smtp_receiver
from tests.consultant.mail import question_mail
from tests.consultant.smtp import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def send(receiver, raw: bytes, *, to="ask@localhost", sender="alice@example.com"):
    with smtplib.SMTP("127.0.0.1", receiver.test_port, timeout=10) as client:
        return client.sendmail(sender, [to], raw)


def test_it_stores_mail_for_the_consultant_address(receiver):
    raw = question_mail(message_id="<stored@example.com>")
    send(receiver, raw)
    inbound = InboundMessage.objects.get()
    # SMTP carries lines as CRLF and ends the data with one; the content is byte for byte the same.
    assert bytes(inbound.raw).replace(b"\r\n", b"\n").rstrip() == raw.replace(b"\r\n", b"\n").rstrip()
    assert inbound.source == InboundSource.SMTP
    assert (inbound.envelope_from, inbound.envelope_to) == ("alice@example.com", ["ask@localhost"])


def test_the_recipient_is_matched_without_regard_to_case(receiver):
    send(receiver, question_mail(to="Ask@LocalHost"), to="Ask@LocalHost")
    assert InboundMessage.objects.count() == 1


def test_it_refuses_every_other_recipient_so_it_is_no_open_relay(receiver):
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(receiver, question_mail(to="victim@example.org"), to="victim@example.org")
    code, reason = refused.value.recipients["victim@example.org"]
    assert code == 550
    assert b"no such mailbox" in reason
    assert not InboundMessage.objects.exists()


def test_an_oversized_message_is_refused_with_552(settings):
    settings.CONSULTANT_MAX_MESSAGE_BYTES = 2000
    receiver = smtp_receiver(host="127.0.0.1", port=free_port())
    receiver.test_port = receiver.port
    receiver.start()
    try:
        with pytest.raises(smtplib.SMTPException) as refused:
            send(receiver, question_mail(body="x" * 5000))
    finally:
        receiver.stop()
    assert "552" in str(refused.value)
    assert not InboundMessage.objects.exists()


def test_the_same_message_delivered_twice_is_stored_once(receiver):
    raw = question_mail(message_id="<twice@example.com>")
    send(receiver, raw)
    send(receiver, raw)
    assert InboundMessage.objects.count() == 1


def test_a_message_that_cannot_be_stored_gets_a_4xx_so_the_sender_retries(receiver, monkeypatch):
    def broken_store(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("codingdesk.consultant.smtp_receiver.inbound_message_store", broken_store)
    with pytest.raises(smtplib.SMTPDataError) as refused:
        send(receiver, question_mail())
    assert refused.value.smtp_code == 451


def test_one_sender_gets_so_many_messages_an_hour(receiver, settings):
    settings.CONSULTANT_MAX_MESSAGES_PER_SENDER_HOUR = 2
    send(receiver, question_mail())
    send(receiver, question_mail())
    with pytest.raises(smtplib.SMTPSenderRefused) as refused:
        send(receiver, question_mail())
    assert refused.value.smtp_code == 451
    assert InboundMessage.objects.count() == 2
    send(receiver, question_mail(sender="bob@example.com"), sender="bob@example.com")
    assert InboundMessage.objects.count() == 3


def test_a_sender_that_cannot_be_counted_gets_a_4xx_not_a_bounce(receiver, monkeypatch):
    def broken_count(sender):
        raise RuntimeError("cache down")

    monkeypatch.setattr("codingdesk.consultant.smtp_receiver._sender_within_limit", broken_count)
    with pytest.raises(smtplib.SMTPSenderRefused) as refused:
        send(receiver, question_mail())
    assert refused.value.smtp_code == 451
