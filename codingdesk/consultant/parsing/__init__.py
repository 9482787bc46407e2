"""Reading an inbound consultant email into a ParsedMail.

Pure functions over the raw bytes a member sent to ask@<site>: no database,
no network. The consultant services call ``mail_parse`` when a message is
processed and ``dedupe_key_of`` when it is stored. Everything here treats
the message as hostile: headers may be forged, charsets mislabelled and the
MIME structure broken, so ``mail_parse`` raises nothing but MalformedMail.
"""

import hashlib
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.parser import BytesParser

from . import _headers
from ._body import body_of
from ._html import html_to_text
from ._quotes import QUESTION_LIMIT, question_from

__all__ = ["QUESTION_LIMIT", "MalformedMail", "ParsedMail", "dedupe_key_of", "mail_parse"]

# Headers almost every real message has; input with none of them is not mail.
_MAIL_HEADERS = frozenset(
    {"from", "to", "subject", "date", "message-id", "received", "mime-version", "content-type", "return-path"}
)


class MalformedMail(ValueError):
    """The message cannot be read; the message says why."""


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    in_reply_to: str
    references: tuple[str, ...]
    subject: str
    from_address: str
    from_name: str
    to_addresses: tuple[str, ...]
    question: str
    attachment_names: tuple[str, ...]
    auto_submitted: bool
    # The trusted SPF and DMARC results, e.g. {"spf": "pass", "dmarc": "fail"};
    # empty when no trusted Authentication-Results header is present.
    authentication: dict[str, str]

    @property
    def authentication_failed(self) -> bool:
        return "fail" in self.authentication.values()

    @property
    def authentication_passed(self) -> bool:
        return "pass" in self.authentication.values() and not self.authentication_failed


def mail_parse(raw: bytes, *, authserv_id: str = "") -> ParsedMail:
    """Raises MalformedMail when the input is empty, not mail, or unreadable.
    ``authserv_id``: see _headers.authentication_results."""
    raw = _as_bytes(raw)
    try:
        return _parse(raw, authserv_id)
    except MalformedMail:
        raise
    except RecursionError as exc:
        raise MalformedMail("MIME parts nested too deeply to read") from exc
    except Exception as exc:  # noqa: BLE001 - the contract: only MalformedMail escapes
        raise MalformedMail(f"unreadable message structure ({type(exc).__name__}: {exc})") from exc


def dedupe_key_of(raw: bytes) -> str:
    """The Message-ID, or a hash of the bytes when there is none. Never raises."""
    try:
        raw = _as_bytes(raw)
    except MalformedMail:
        raw = repr(raw).encode("utf-8", "replace")
    try:
        headers = _headers.headers_of(_parser().parsebytes(raw, headersonly=True))
        message_id = _headers.message_id_of(headers)
    except Exception:  # noqa: BLE001 - any failure falls back to the hash
        message_id = ""
    return message_id or "sha256:" + hashlib.sha256(raw).hexdigest()


def _as_bytes(raw) -> bytes:
    if isinstance(raw, (bytes, bytearray, memoryview)):
        return bytes(raw)
    raise MalformedMail(f"expected the raw message as bytes, got {type(raw).__name__}")


def _parser() -> BytesParser:
    return BytesParser(policy=policy.default)


def _parse(raw: bytes, authserv_id: str) -> ParsedMail:
    if not raw.strip():
        raise MalformedMail("empty message")
    # Leading blank lines would make the parser read the headers as body.
    message = _parser().parsebytes(raw.lstrip(b"\r\n"))
    headers = _headers.headers_of(message)
    if not {name for name, _ in headers} & _MAIL_HEADERS:
        raise MalformedMail("not an email: no mail headers (From, To, Subject, Date, ...) found")
    body = body_of(message)
    question = _question_of(body.plain, body.html)
    senders = _headers.addresses(_headers.all_of(headers, "from"))
    if not senders and not question and not body.attachment_names:
        raise MalformedMail("no readable From header and no readable body")
    from_name, from_address = senders[0] if senders else ("", "")
    return ParsedMail(
        message_id=_headers.message_id_of(headers),
        in_reply_to=next(iter(_headers.msg_ids(_headers.first(headers, "in-reply-to"))), ""),
        references=_headers.msg_ids(" ".join(_headers.all_of(headers, "references"))),
        subject=_headers.one_line(_headers.decode_words(_headers.first(headers, "subject"))),
        from_address=from_address,
        from_name=from_name,
        to_addresses=_recipients(headers),
        question=question,
        attachment_names=tuple(body.attachment_names),
        auto_submitted=_headers.is_automatic(headers, _content_type(message)),
        authentication=_headers.authentication_results(headers, authserv_id=authserv_id),
    )


def _question_of(plain: list[str], html: list[str]) -> str:
    # Some clients send an empty text/plain alternative next to the real HTML.
    question = question_from("\n\n".join(plain))
    if question:
        return question
    return question_from("\n\n".join(html_to_text(part) for part in html))


def _recipients(headers) -> tuple[str, ...]:
    found = _headers.addresses(_headers.all_of(headers, "to") + _headers.all_of(headers, "cc"))
    return tuple(dict.fromkeys(addr for _, addr in found))


def _content_type(message: Message) -> str:
    return message.get_content_type()
