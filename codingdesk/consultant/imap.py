"""Polling a hosted mailbox over IMAP, for sites whose consultant mail lands
there rather than at our SMTP receiver. Run by `codingdesk mail-fetch`; each
poll opens one connection, stores every message not yet marked, and marks it.

A message is marked only after inbound_message_store has committed it, so a
crash or a failed store leaves it unmarked and the next poll takes it again
(the store deduplicates by Message-ID, so a second copy is harmless). The mark
is our own keyword rather than \\Seen because people read this mailbox too:
a message someone opened in their mail client must still be fetched. Keeping
the state on the server, not a remembered last UID, also means a rebuilt
mailbox (a new UIDVALIDITY) needs no special handling.
"""

from __future__ import annotations

import imaplib
import logging
import re
import ssl
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice

from .models import InboundSource
from .services.inbound import inbound_message_store

logger = logging.getLogger(__name__)

STORED_KEYWORD = "$CodingDeskStored"
# Messages fetched per UID FETCH: bounds the memory one poll holds at once.
BATCH_SIZE = 50
TIMEOUT_SECONDS = 60


class MailboxUnavailable(Exception):
    """The server could not be reached, refused TLS, or broke off the session."""


class MailboxLoginFailed(MailboxUnavailable):
    pass


@dataclass(frozen=True)
class FetchResult:
    stored: int = 0
    duplicates: int = 0
    failed: int = 0


@dataclass(frozen=True)
class StoredMark:
    """How processed messages are told apart in this folder."""

    flags: str  # for UID STORE +FLAGS
    unprocessed_search: tuple[str, ...]  # for UID SEARCH


KEYWORD_MARK = StoredMark(flags=f"({STORED_KEYWORD} \\Seen)", unprocessed_search=("UNKEYWORD", STORED_KEYWORD))
# For servers that keep no custom keywords: reading a message in a mail client
# then hides it from us, which is why it is only the fallback.
SEEN_MARK = StoredMark(flags="(\\Seen)", unprocessed_search=("UNSEEN",))


def mailbox_fetch_once(
    *,
    host: str,
    port: int,
    user: str,
    password: str,
    use_tls: bool = True,
    folder: str = "INBOX",
    ssl_context: ssl.SSLContext | None = None,
    batch_size: int = BATCH_SIZE,
) -> FetchResult:
    """Store every message in the folder that is not yet marked, then mark it.
    Raises MailboxLoginFailed or MailboxUnavailable; a message that fails to
    store is counted, logged and left for the next poll."""
    with mailbox_session(
        host=host, port=port, user=user, password=password, use_tls=use_tls, ssl_context=ssl_context
    ) as connection:
        mark = folder_select(connection, folder)
        outcomes = []
        for uids in batched(unprocessed_uids(connection, mark), batch_size):
            outcomes += batch_store(connection, uids, mark)
    return FetchResult(
        stored=outcomes.count("stored"), duplicates=outcomes.count("duplicate"), failed=outcomes.count("failed")
    )


def batch_store(connection: imaplib.IMAP4, uids: list[int], mark: StoredMark) -> list[str]:
    """Store each message of the batch, then mark the ones now in the database."""
    outcomes = {uid: message_store(uid, raw) for uid, raw in messages_fetch(connection, uids)}
    messages_mark(connection, [uid for uid, outcome in outcomes.items() if outcome != "failed"], mark)
    return list(outcomes.values())


@contextmanager
def mailbox_session(
    *, host: str, port: int, user: str, password: str, use_tls: bool, ssl_context: ssl.SSLContext | None
) -> Iterator[imaplib.IMAP4]:
    """A logged-in connection, logged out afterwards. Network, TLS and
    protocol errors come out as MailboxUnavailable naming the server."""
    address = f"{host}:{port}"
    try:
        connection = mailbox_connect(host=host, port=port, use_tls=use_tls, ssl_context=ssl_context)
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxUnavailable(f"Could not connect to the IMAP server {address}: {error}") from error
    try:
        try:
            connection.login(user, password)
        except imaplib.IMAP4.error as error:
            raise MailboxLoginFailed(f"IMAP login to {address} as {user} failed: {reason_of(error)}") from error
        try:
            yield connection
        except (OSError, imaplib.IMAP4.error) as error:
            raise MailboxUnavailable(f"The IMAP session with {address} failed: {reason_of(error)}") from error
    finally:
        connection_close(connection)


def mailbox_connect(
    *, host: str, port: int, use_tls: bool, ssl_context: ssl.SSLContext | None
) -> imaplib.IMAP4:
    """Implicit TLS (port 993) verifying the certificate against the system's
    CAs unless a context says otherwise; plain IMAP only when use_tls is off."""
    if use_tls:
        context = ssl_context or ssl.create_default_context()
        return imaplib.IMAP4_SSL(host, port, ssl_context=context, timeout=TIMEOUT_SECONDS)
    return imaplib.IMAP4(host, port, timeout=TIMEOUT_SECONDS)


def connection_close(connection: imaplib.IMAP4) -> None:
    try:
        connection.logout()
    except (OSError, imaplib.IMAP4.error):
        pass  # The session is over either way; a broken socket has nothing to log out of.


def folder_select(connection: imaplib.IMAP4, folder: str) -> StoredMark:
    status, data = connection.select(quoted(folder))
    if status != "OK":
        raise imaplib.IMAP4.error(f"cannot open folder {folder!r}: {decoded(data)}")
    _, permanent_flags = connection.response("PERMANENTFLAGS")
    return stored_mark_for(permanent_flags)


def stored_mark_for(permanent_flags: list) -> StoredMark:
    """Our keyword when the server keeps it: RFC 3501 says \\* in PERMANENTFLAGS
    allows new keywords, and a server that sends no PERMANENTFLAGS at all
    allows every flag."""
    flags = decoded(permanent_flags)
    if permanent_flags in ([], [None]) or "\\*" in flags or STORED_KEYWORD in flags:
        return KEYWORD_MARK
    return SEEN_MARK


def unprocessed_uids(connection: imaplib.IMAP4, mark: StoredMark) -> list[int]:
    status, data = connection.uid("SEARCH", *mark.unprocessed_search)
    if status != "OK":
        raise imaplib.IMAP4.error(f"SEARCH failed: {decoded(data)}")
    return sorted(int(uid) for uid in b" ".join(part for part in data if part).split())


def messages_fetch(connection: imaplib.IMAP4, uids: Iterable[int]) -> Iterator[tuple[int, bytes]]:
    """(uid, raw) for each message still there. BODY.PEEK[] leaves \\Seen alone,
    so a message that then fails to store looks untouched to a person too."""
    status, data = connection.uid("FETCH", uid_set(uids), "(UID BODY.PEEK[])")
    if status != "OK":
        raise imaplib.IMAP4.error(f"FETCH failed: {decoded(data)}")
    return fetched_messages(data)


def fetched_messages(data: list) -> Iterator[tuple[int, bytes]]:
    """imaplib gives each message as (text before the literal, literal) then the
    text after it; the UID may be on either side. Bare lines are unsolicited
    FETCH responses (flag changes by another client) and are skipped."""
    pending = None
    for part in data:
        if isinstance(part, tuple):
            pending = part
        elif pending is not None:
            before, raw = pending
            uid = uid_in(before) or uid_in(part)
            if uid is not None:
                yield uid, raw
            pending = None


def uid_in(text: bytes | None) -> int | None:
    match = re.search(rb"\bUID (\d+)", text or b"")
    return int(match.group(1)) if match else None


def message_store(uid: int, raw: bytes) -> str:
    """"stored", "duplicate" or "failed"; never raises, so one bad message
    does not hold up the rest of the folder."""
    try:
        _, created = inbound_message_store(raw=raw, source=InboundSource.IMAP)
    except Exception:
        logger.exception("Storing IMAP message UID %s failed; it stays unmarked and the next poll retries it", uid)
        return "failed"
    return "stored" if created else "duplicate"


def messages_mark(connection: imaplib.IMAP4, uids: list[int], mark: StoredMark) -> None:
    if not uids:
        return
    status, data = connection.uid("STORE", uid_set(uids), "+FLAGS.SILENT", mark.flags)
    if status != "OK":
        # Not fatal: the messages are stored, and the next poll finds them again as duplicates.
        logger.warning("Marking IMAP messages %s as stored failed: %s", uid_set(uids), decoded(data))


def batched(items: list[int], size: int) -> Iterator[list[int]]:
    """itertools.batched, which arrives only in Python 3.12."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def uid_set(uids: Iterable[int]) -> str:
    return ",".join(str(uid) for uid in uids)


def quoted(folder: str) -> str:
    """imaplib sends the name as it is; a name with spaces must be quoted."""
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def reason_of(error: Exception) -> str:
    return decoded(error.args[:1]) or str(error)


def decoded(data: Iterable | None) -> str:
    return " ".join(
        part.decode("utf-8", "replace") if isinstance(part, bytes) else str(part)
        for part in (data or [])
        if part is not None
    )
