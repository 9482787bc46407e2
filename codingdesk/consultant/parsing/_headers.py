"""Header reading that survives real-world mail.

We read the raw header strings (``Message.raw_items()``) rather than the
policy's header objects: the stdlib header parser can raise on hostile
input, and we need header order for Authentication-Results.
"""

import base64
import binascii
import email.utils
import quopri
import re

from ._charsets import bytes_to_text

_FOLD = re.compile(r"\r?\n(?=[ \t])")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_ENCODED_WORDS = re.compile(r"(?<=\?=)[ \t]+(?==\?)")
# Any run of whitespace or control characters, so that a decoded CR/LF can
# never start a new header line when the text goes into a reply.
_UNSAFE_RUN = re.compile(r"[\s\x00-\x1f\x7f\x85\u2028\u2029]+")
_MSG_ID = re.compile(r"<[^<>]+>")
_COMMENT = re.compile(r"\([^()]*\)")
_AUTH_RESULT = re.compile(r"\b(dmarc|spf)\s*=\s*([a-z]+)", re.IGNORECASE)
_ROBOT_LOCAL_PARTS = frozenset({"mailer-daemon", "postmaster"})

Headers = list[tuple[str, str]]


def headers_of(message) -> Headers:
    """(lower-cased name, unfolded value) pairs, top to bottom."""
    return [(name.lower(), _unfold(value)) for name, value in message.raw_items()]


def _unfold(value) -> str:
    # The parser hands raw 8-bit header bytes over as surrogate escapes;
    # turn them back into bytes and decode them as text properly.
    raw = str(value).encode("ascii", "surrogateescape")
    return _FOLD.sub("", bytes_to_text(raw, "utf-8"))


def first(headers: Headers, name: str) -> str:
    return next((value for key, value in headers if key == name), "")


def all_of(headers: Headers, name: str) -> list[str]:
    return [value for key, value in headers if key == name]


def one_line(text: str, limit: int = 200) -> str:
    return _UNSAFE_RUN.sub(" ", text).strip()[:limit].strip()


def decode_words(text: str) -> str:
    """Decode RFC 2047 encoded words, tolerating bad charsets and padding."""
    text = _BETWEEN_ENCODED_WORDS.sub("", text)
    return _ENCODED_WORD.sub(_decode_word, text)


def _decode_word(match: re.Match) -> str:
    charset, encoding, payload = match.groups()
    # RFC 2231 allows a language after the charset: utf-8*en.
    charset = charset.split("*", 1)[0]
    try:
        if encoding in "bB":
            raw = base64.b64decode(payload + "=" * (-len(payload) % 4))
        else:
            raw = quopri.decodestring(payload.replace("_", " ").encode("ascii", "replace"))
    except (binascii.Error, ValueError):
        return match.group(0)
    return bytes_to_text(raw, charset)


def msg_ids(value: str) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", "", found) for found in _MSG_ID.findall(value))


def message_id_of(headers: Headers) -> str:
    value = first(headers, "message-id")
    ids = msg_ids(value)
    if ids:
        return ids[0]
    return _UNSAFE_RUN.sub("", value)


def addresses(values: list[str]) -> list[tuple[str, str]]:
    """(decoded display name, lower-cased addr-spec) for each valid address."""
    found = []
    for name, addr in email.utils.getaddresses(values):
        addr = addr.strip().lower()
        if _looks_like_addr_spec(addr):
            found.append((one_line(decode_words(name)), addr))
    return found


def _looks_like_addr_spec(addr: str) -> bool:
    local, at, domain = addr.rpartition("@")
    return bool(at and local and domain) and not _UNSAFE_RUN.search(addr) and not re.search(r"[<>,;]", addr)


def is_automatic(headers: Headers, content_type: str) -> bool:
    """True for anything a robot sent: auto-replies, bulk mail, lists, bounces.

    Replying to these risks mail loops (RFC 3834), so the consultant stays quiet.
    """
    auto_submitted = first(headers, "auto-submitted").strip().lower()
    precedence = first(headers, "precedence").strip().lower()
    names = {name for name, _ in headers}
    return (
        (auto_submitted != "" and auto_submitted.split(";")[0].strip() != "no")
        or precedence in {"bulk", "junk", "list"}
        or bool(names & {"x-autoreply", "x-autorespond", "list-id", "list-unsubscribe"})
        or content_type == "multipart/report"
        or _has_robot_sender(headers)
    )


def _has_robot_sender(headers: Headers) -> bool:
    # "<>" is the null sender that bounces and other notifications use.
    null_sender = first(headers, "return-path").strip() == "<>" or any(
        re.fullmatch(r"[^<]*<\s*>\s*", value) for value in all_of(headers, "from")
    )
    senders = all_of(headers, "from") + all_of(headers, "sender") + all_of(headers, "return-path")
    return null_sender or any(_is_robot_mailbox(value) for value in senders)


def _is_robot_mailbox(value: str) -> bool:
    # A bare "MAILER-DAEMON" has no domain, so check it before addr-spec parsing.
    if value.strip().strip("<>").lower() in _ROBOT_LOCAL_PARTS:
        return True
    return any(addr.rpartition("@")[0] in _ROBOT_LOCAL_PARTS for _, addr in addresses([value]))


def authentication_results(headers: Headers, *, authserv_id: str = "") -> dict[str, str]:
    """The SPF and DMARC results we can trust, e.g. {"spf": "pass", "dmarc": "fail"}.

    With ``authserv_id`` (the name our own mail server writes first in its
    Authentication-Results header), only the topmost header carrying that
    name counts: a sender can write any header, but not one under our
    server's name above the one our server adds. Without it, the topmost
    header counts, which is right only when our MTA is the one that received
    the message from the internet (RFC 8601 section 5).
    """
    candidates = all_of(headers, "authentication-results")
    if authserv_id:
        candidates = [value for value in candidates if _authserv_id_of(value) == authserv_id.lower()]
    if not candidates:
        return {}
    trusted = candidates[0]
    while _COMMENT.search(trusted):
        trusted = _COMMENT.sub(" ", trusted)
    results: dict[str, str] = {}
    for method, result in _AUTH_RESULT.findall(trusted):
        results.setdefault(method.lower(), result.lower())
    return results


def _authserv_id_of(value: str) -> str:
    return _COMMENT.sub(" ", value).split(";", 1)[0].strip().split()[0].lower() if value.strip() else ""
