"""manage.py mail_fetch [--once] [--interval SECONDS] [--ca-file PATH]
(codingdesk mail-fetch), against a real Dovecot on loopback."""

import os
import signal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from codingdesk.consultant import imap
from codingdesk.consultant.models import InboundMessage
from codingdesk.consultant.services.inbound import inbound_message_store
from tests.consultant.mail import question_mail
from tests.consultant.smtp import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox_settings(settings, imap_server):
    settings.IMAP_HOST = imap_server.host
    settings.IMAP_PORT = imap_server.tls_port
    settings.IMAP_USER = imap_server.user
    settings.IMAP_PASSWORD = imap_server.password
    settings.IMAP_USE_TLS = True
    settings.IMAP_FOLDER = "INBOX"
    return settings


def run(*args) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("mail_fetch", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def run_once(server, *args) -> str:
    stdout, _ = run("--once", "--ca-file", str(server.ca_file), *args)
    return stdout


def test_once_prints_the_counts(mailbox_settings, imap_server):
    already = question_mail(message_id="<by-smtp@example.com>")
    inbound_message_store(raw=already)
    imap_server.deliver(already)
    imap_server.deliver(question_mail())
    imap_server.deliver(question_mail())

    assert run_once(imap_server) == "Stored 2 new messages (1 already stored, 0 failed)\n"
    assert InboundMessage.objects.count() == 3


def test_once_counts_a_message_that_failed_to_store(mailbox_settings, imap_server, monkeypatch):
    imap_server.deliver(question_mail())
    monkeypatch.setattr(imap, "inbound_message_store", lambda **kwargs: 1 / 0)

    assert run_once(imap_server) == "Stored 0 new messages (0 already stored, 1 failed)\n"


def test_it_reads_the_folder_in_settings(mailbox_settings, imap_server):
    mailbox_settings.IMAP_FOLDER = "Consultant"
    imap_server.deliver(question_mail(message_id="<inbox@example.com>"))
    imap_server.deliver(question_mail(message_id="<filed@example.com>"), folder="Consultant")

    assert run_once(imap_server) == "Stored 1 new messages (0 already stored, 0 failed)\n"
    assert InboundMessage.objects.get().message_id == "<filed@example.com>"


def test_it_connects_without_tls_when_settings_say_so(mailbox_settings, imap_server):
    mailbox_settings.IMAP_USE_TLS = False
    mailbox_settings.IMAP_PORT = imap_server.plain_port
    imap_server.deliver(question_mail())

    assert run("--once")[0] == "Stored 1 new messages (0 already stored, 0 failed)\n"


def test_a_server_certificate_no_trusted_ca_signed_is_refused(mailbox_settings, imap_server):
    expected = rf"IMAP server 127.0.0.1:{imap_server.tls_port}: .*certificate verify failed"
    with pytest.raises(CommandError, match=expected):
        run("--once")


def test_a_wrong_password_is_a_clear_error(mailbox_settings, imap_server):
    mailbox_settings.IMAP_PASSWORD = "wrong"
    expected = rf"IMAP login to 127.0.0.1:{imap_server.tls_port} as consult failed: .*Authentication failed"
    with pytest.raises(CommandError, match=expected):
        run_once(imap_server)


def test_it_needs_imap_host(settings):
    settings.IMAP_HOST = ""
    with pytest.raises(CommandError, match="IMAP_HOST is not set"):
        run("--once")


def fake_polls(monkeypatch, outcomes: list) -> list:
    """Replace the poll with one that plays outcomes (a result, or an exception
    to raise) and sends this process SIGTERM after the last, as a supervisor would."""
    calls = []

    def poll(**mailbox):
        calls.append(mailbox)
        outcome = outcomes[len(calls) - 1]
        if len(calls) == len(outcomes):
            os.kill(os.getpid(), signal.SIGTERM)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(imap, "mailbox_fetch_once", poll)
    return calls


def test_it_polls_until_sigterm_and_then_exits_cleanly(settings, monkeypatch):
    settings.IMAP_HOST = "imap.example.com"
    previous_handler = signal.getsignal(signal.SIGTERM)
    calls = fake_polls(monkeypatch, [imap.FetchResult(), imap.FetchResult(stored=2)])

    stdout, _ = run("--interval", "0.01")

    assert len(calls) == 2
    assert calls[0]["host"] == "imap.example.com"
    assert "Stored 2 new messages (0 already stored, 0 failed)" in stdout
    assert stdout.count("Stored") == 1  # a poll that found nothing says nothing
    assert stdout.endswith("Mail fetcher stopped.\n")
    assert signal.getsignal(signal.SIGTERM) is previous_handler


def test_it_keeps_polling_when_the_server_cannot_be_reached(settings, monkeypatch):
    settings.IMAP_HOST = "imap.example.com"
    calls = fake_polls(
        monkeypatch, [imap.MailboxUnavailable("Could not connect to the IMAP server"), imap.FetchResult(stored=1)]
    )

    stdout, stderr = run("--interval", "0.01")

    assert len(calls) == 2
    assert "Could not connect to the IMAP server; retrying in the next poll" in stderr
    assert "Stored 1 new messages" in stdout


def test_a_login_refused_while_polling_stops_the_fetcher(settings, monkeypatch):
    settings.IMAP_HOST = "imap.example.com"
    calls = fake_polls(monkeypatch, [imap.FetchResult(), imap.MailboxLoginFailed("login failed"), None])

    with pytest.raises(CommandError, match="login failed"):
        run("--interval", "0.01")
    assert len(calls) == 2


# Committing for real: between polls the loop closes a stale database
# connection, which would end the transaction a plain db test runs in.
@pytest.mark.django_db(transaction=True)
def test_a_poll_against_the_real_server_reconnects_each_time(mailbox_settings, imap_server, monkeypatch):
    """Each poll is a fresh connection, so a server restarted between polls is no problem."""
    imap_server.deliver(question_mail())
    real_fetch = imap.mailbox_fetch_once
    polls = []

    def fetch_then_stop(**mailbox):
        polls.append(real_fetch(**mailbox))
        if len(polls) == 1:
            imap_server.deliver(question_mail())
        else:
            os.kill(os.getpid(), signal.SIGTERM)
        return polls[-1]

    monkeypatch.setattr(imap, "mailbox_fetch_once", fetch_then_stop)

    run("--interval", "0.01", "--ca-file", str(imap_server.ca_file))

    assert polls == [imap.FetchResult(stored=1), imap.FetchResult(stored=1)]


def test_an_unreachable_server_is_an_error_with_once(settings):
    settings.IMAP_HOST = "127.0.0.1"
    settings.IMAP_PORT = free_port()
    settings.IMAP_USE_TLS = False
    with pytest.raises(CommandError, match="Could not connect to the IMAP server 127.0.0.1"):
        run("--once")
