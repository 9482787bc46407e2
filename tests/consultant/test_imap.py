"""consultant.imap.mailbox_fetch_once against a real Dovecot on loopback."""

import pytest

from codingdesk.consultant import imap
from codingdesk.consultant.imap import FetchResult, MailboxLoginFailed, MailboxUnavailable, mailbox_fetch_once
from codingdesk.consultant.models import InboundMessage, InboundSource
from codingdesk.consultant.services.inbound import inbound_message_store
from tests.consultant.mail import question_mail

pytestmark = pytest.mark.django_db

STORED = {"$CodingDeskStored", "\\Seen"}


def fetch(server, **overrides) -> FetchResult:
    options = {
        "host": server.host,
        "port": server.tls_port,
        "user": server.user,
        "password": server.password,
        "use_tls": True,
        "folder": "INBOX",
        "ssl_context": server.ssl_context(),
    }
    return mailbox_fetch_once(**(options | overrides))


def test_it_stores_new_messages_and_marks_them(imap_server):
    raw = question_mail(message_id="<first@example.com>")
    imap_server.deliver(raw)
    imap_server.deliver(question_mail(message_id="<second@example.com>"))

    assert fetch(imap_server) == FetchResult(stored=2)

    first = InboundMessage.objects.get(message_id="<first@example.com>")
    assert first.source == InboundSource.IMAP
    assert bytes(first.raw).replace(b"\r\n", b"\n") == raw.replace(b"\r\n", b"\n")
    assert imap_server.flags() == [STORED, STORED]


def test_a_second_poll_stores_nothing_new(imap_server):
    imap_server.deliver(question_mail())
    fetch(imap_server)

    assert fetch(imap_server) == FetchResult()
    assert InboundMessage.objects.count() == 1


def test_it_fetches_a_message_someone_already_read_in_the_mailbox(imap_server):
    imap_server.deliver(question_mail(), flags="(\\Seen)")

    assert fetch(imap_server) == FetchResult(stored=1)
    assert imap_server.flags() == [STORED]


def test_a_message_that_arrived_by_smtp_too_is_marked_but_not_stored_twice(imap_server):
    raw = question_mail(message_id="<both-ways@example.com>")
    inbound_message_store(raw=raw, source=InboundSource.SMTP)
    imap_server.deliver(raw)

    assert fetch(imap_server) == FetchResult(duplicates=1)
    assert InboundMessage.objects.get().source == InboundSource.SMTP
    assert imap_server.flags() == [STORED]


def test_a_message_that_fails_to_store_stays_unmarked_and_the_next_poll_stores_it(imap_server, monkeypatch):
    imap_server.deliver(question_mail(message_id="<unlucky@example.com>"))
    imap_server.deliver(question_mail(message_id="<fine@example.com>"))
    real_store = imap.inbound_message_store

    def store_failing_once(*, raw, **kwargs):
        if b"unlucky" in raw and not getattr(store_failing_once, "failed", False):
            store_failing_once.failed = True
            raise RuntimeError("database went away")
        return real_store(raw=raw, **kwargs)

    monkeypatch.setattr(imap, "inbound_message_store", store_failing_once)

    assert fetch(imap_server) == FetchResult(stored=1, failed=1)
    assert imap_server.flags() == [set(), STORED]
    assert fetch(imap_server) == FetchResult(stored=1)
    assert imap_server.flags() == [STORED, STORED]
    assert InboundMessage.objects.count() == 2


def test_it_fetches_in_batches_of_uids(imap_server):
    for number in range(5):
        imap_server.deliver(question_mail(message_id=f"<batch-{number}@example.com>"))

    assert fetch(imap_server, batch_size=2) == FetchResult(stored=5)
    assert imap_server.flags() == [STORED] * 5


def test_it_reads_the_folder_it_is_given(imap_server):
    imap_server.deliver(question_mail(message_id="<inbox@example.com>"))
    imap_server.deliver(question_mail(message_id="<filed@example.com>"), folder="Coding Questions")

    assert fetch(imap_server, folder="Coding Questions") == FetchResult(stored=1)
    assert InboundMessage.objects.get().message_id == "<filed@example.com>"
    assert imap_server.flags() == [set()]


def test_a_missing_folder_is_an_error(imap_server):
    with pytest.raises(MailboxUnavailable, match="cannot open folder 'Nowhere'"):
        fetch(imap_server, folder="Nowhere")


def test_it_fetches_over_plain_imap_when_tls_is_off(imap_server):
    imap_server.deliver(question_mail())

    assert fetch(imap_server, port=imap_server.plain_port, use_tls=False, ssl_context=None) == FetchResult(stored=1)


def test_a_certificate_from_an_untrusted_ca_is_refused(imap_server):
    imap_server.deliver(question_mail())

    with pytest.raises(MailboxUnavailable, match="certificate verify failed"):
        fetch(imap_server, ssl_context=None)  # the system's CAs, which never signed the test certificate
    assert not InboundMessage.objects.exists()


def test_a_wrong_password_is_a_login_failure(imap_server):
    with pytest.raises(MailboxLoginFailed, match=rf"as {imap_server.user} failed: .*Authentication failed"):
        fetch(imap_server, password="wrong")


def test_an_unreachable_server_is_unavailable():
    from tests.consultant.smtp import free_port

    with pytest.raises(MailboxUnavailable, match="Could not connect to the IMAP server 127.0.0.1"):
        mailbox_fetch_once(host="127.0.0.1", port=free_port(), user="u", password="p", use_tls=False)


@pytest.mark.parametrize(
    "permanent_flags, search",
    [
        ([b"(\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)"], ("UNKEYWORD", "$CodingDeskStored")),
        ([b"(\\Seen $CodingDeskStored)"], ("UNKEYWORD", "$CodingDeskStored")),
        ([None], ("UNKEYWORD", "$CodingDeskStored")),
        ([b"(\\Answered \\Flagged \\Deleted \\Seen \\Draft)"], ("UNSEEN",)),
    ],
)
def test_it_falls_back_to_seen_only_when_the_server_keeps_no_keywords(permanent_flags, search):
    assert imap.stored_mark_for(permanent_flags).unprocessed_search == search
