"""Walking the MIME tree: body text parts on one side, attachments on the other."""

import mimetypes
import re
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import collapse_rfc2231_value

from ._charsets import bytes_to_text
from ._headers import decode_words, one_line

_BODY_TYPES = frozenset({"text/plain", "text/html"})
# A MIME boundary line followed by part headers, for when the declared
# boundary is missing or wrong and the parser left the parts unsplit.
_BOUNDARY_LINE = re.compile(rb"^--([^\s]{1,70})\r?\n[A-Za-z-]+:", re.MULTILINE)
# The built-in table only, so names do not depend on the host's mime.types.
_MIME_TYPES = mimetypes.MimeTypes()
# Real clients nest three or four levels; deeper nesting is an attack on
# recursion, and whatever sits below this depth is ignored.
_MAX_DEPTH = 20


@dataclass
class Body:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachment_names: list[str] = field(default_factory=list)


def body_of(message: Message) -> Body:
    body = Body()
    _collect(message, body)
    return body


def _collect(part: Message, body: Body, depth: int = 0) -> None:
    content_type = part.get_content_type()
    if depth > _MAX_DEPTH:
        return
    if part.is_multipart() and content_type.startswith("multipart/"):
        for child in part.get_payload():
            _collect(child, body, depth + 1)
    elif content_type.startswith("multipart/"):
        _collect_unsplit_multipart(part, body, depth)
    elif content_type in _BODY_TYPES and not _is_attachment(part):
        text = _text_of(part)
        (body.plain if content_type == "text/plain" else body.html).append(text)
    else:
        # Forwarded messages (message/rfc822) count as attachments too: their
        # text was not written by the member.
        body.attachment_names.append(_attachment_name(part, content_type))


def _collect_unsplit_multipart(part: Message, body: Body, depth: int) -> None:
    raw = _payload_bytes(part)
    found = _BOUNDARY_LINE.search(raw)
    if found is None:
        body.plain.append(bytes_to_text(raw, "utf-8"))
        return
    boundary = found.group(1).decode("ascii", "replace")
    wrapper = f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'.encode()
    repaired = BytesParser(policy=policy.default).parsebytes(wrapper + raw)
    if repaired.is_multipart():
        _collect(repaired, body, depth + 1)
    else:
        body.plain.append(bytes_to_text(raw, "utf-8"))


def _is_attachment(part: Message) -> bool:
    disposition = str(part.get("content-disposition", "")).split(";")[0].strip().lower()
    return disposition == "attachment"


def _text_of(part: Message) -> str:
    text = bytes_to_text(_payload_bytes(part), part.get_content_charset())
    if part.get_content_type() == "text/plain" and _param(part, "format") == "flowed":
        return _unflow(text, delete_space=_param(part, "delsp") == "yes")
    return text


def _payload_bytes(part: Message) -> bytes:
    decoded = part.get_payload(decode=True)
    if isinstance(decoded, bytes):
        return decoded
    payload = part.get_payload()
    return payload.encode("ascii", "surrogateescape") if isinstance(payload, str) else b""


def _param(part: Message, name: str) -> str:
    return str(part.get_param(name, "") or "").strip().lower()


def _unflow(text: str, *, delete_space: bool) -> str:
    """Join RFC 3676 soft line breaks: a line ending in a space continues."""
    joined: list[str] = []
    carry = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line[1:] if line.startswith(" ") else line  # space-stuffing
        if line.endswith(" ") and line != "-- ":
            carry += line[:-1] if delete_space else line
            continue
        joined.append(carry + line)
        carry = ""
    if carry:
        joined.append(carry)
    return "\n".join(joined)


def _attachment_name(part: Message, content_type: str) -> str:
    name = _clean_file_name(_declared_file_name(part))
    if name:
        return name
    extension = _MIME_TYPES.guess_extension(content_type)
    return f"attachment{extension}" if extension else f"attachment ({content_type})"


def _declared_file_name(part: Message) -> str:
    # A name is a nicety; a hostile parameter must not cost us the message.
    try:
        return str(part.get_filename() or collapse_rfc2231_value(part.get_param("name", "")) or "")
    except Exception:  # noqa: BLE001
        return ""


def _clean_file_name(raw_name: str) -> str:
    name = one_line(decode_words(raw_name))
    # Keep only the last path component: names may carry a sender's path.
    return re.split(r"[\\/]", name)[-1].strip()
