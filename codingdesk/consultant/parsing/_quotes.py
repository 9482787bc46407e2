"""Keep only what the member wrote: drop quoted replies and signatures."""

import re

QUESTION_LIMIT = 4000

# "On Mon, 5 Jan 2026 at 10:00, CodingDesk <ask@example.com> wrote:" in a few
# languages; Gmail wraps long attributions, so it may span up to three lines.
_ATTRIBUTION_START = re.compile(r"^(On|Le|Am|El|Il|Op|Em)\s", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(r"(wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu)\s*:\s*$", re.IGNORECASE)
_ORIGINAL_MESSAGE = re.compile(r"^\s*-{2,}\s*(Original Message|Forwarded by .*)\s*-{2,}\s*$", re.IGNORECASE)
_OUTLOOK_FROM = re.compile(r"^\s*\*?(From|De|Von|Van)\s*:\*?\s", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(r"^\s*\*?(Sent|Date|Envoyé|Gesendet|Verzonden)\s*:\*?\s", re.IGNORECASE)
_OUTLOOK_RULE = re.compile(r"^\s*_{10,}\s*$")
_SIGNATURE = re.compile(r"^--\s?$")
_MOBILE_SIGNATURE = re.compile(
    r"^\s*(Sent from my \w+|Sent from (Mail|Outlook|Yahoo Mail|Gmail)\b|Get Outlook for \w+).{0,60}$",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"^\s*>")
_GREATER_THAN_NUMBER = re.compile(r"^\s*>=?\s*\d")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff]")


def question_from(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _drop_quoted_reply(lines)
    lines = lines[: _signature_start(lines)]
    return tidy(lines)


def _drop_quoted_reply(lines: list[str]) -> list[str]:
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        attribution_end = _attribution_end(lines, index)
        if attribution_end is not None:
            if not _followed_by_quote(lines, attribution_end + 1):
                break
            # Quoted with ">": the member may answer inline below, so drop
            # only the attribution and the quoted lines.
            index = attribution_end + 1
            continue
        if _starts_outlook_block(lines, index):
            break
        if not _QUOTED.match(line) or _is_comparison(lines, index):
            kept.append(line)
        index += 1
    return kept


def _is_comparison(lines: list[str], index: int) -> bool:
    """A lone line such as "> 50% of the visit was counseling" is the member's
    greater-than, not a quotation: quoted replies come as blocks of lines."""
    if not _GREATER_THAN_NUMBER.match(lines[index]):
        return False
    neighbours = [lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]
    return not any(_QUOTED.match(line) for line in neighbours)


def _attribution_end(lines: list[str], index: int) -> int | None:
    if not _ATTRIBUTION_START.match(lines[index].strip()):
        return None
    for end in range(index, min(index + 3, len(lines))):
        if _ATTRIBUTION_END.search(lines[end].rstrip()):
            # A mail client's attribution names a date or an address; a member's
            # "On the op report the surgeon wrote:" names neither and is kept.
            span = " ".join(lines[index : end + 1])
            return end if re.search(r"\d|@", span) else None
    return None


def _followed_by_quote(lines: list[str], index: int) -> bool:
    following = [line for line in lines[index:] if line.strip()]
    return bool(following) and bool(_QUOTED.match(following[0]))


def _starts_outlook_block(lines: list[str], index: int) -> bool:
    line = lines[index]
    if _ORIGINAL_MESSAGE.match(line):
        return True
    if _OUTLOOK_RULE.match(line):
        following = [later for later in lines[index + 1 : index + 4] if later.strip()]
        return bool(following) and bool(_OUTLOOK_FROM.match(following[0]))
    if _OUTLOOK_FROM.match(line):
        return any(_OUTLOOK_SENT.match(later) for later in lines[index + 1 : index + 5])
    return False


def _signature_start(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if _SIGNATURE.match(line) or _MOBILE_SIGNATURE.match(line):
            return index
    return len(lines)


def tidy(lines: list[str]) -> str:
    cleaned = (_CONTROL.sub("", line.replace("\t", " ").replace("\xa0", " ")).rstrip() for line in lines)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(cleaned)).strip()
    return _cap(text)


def _cap(text: str) -> str:
    if len(text) <= QUESTION_LIMIT:
        return text
    cut = text[:QUESTION_LIMIT]
    # End on a word boundary when one is near, so the last word is whole.
    boundary = max(cut.rfind(" ", QUESTION_LIMIT - 200), cut.rfind("\n", QUESTION_LIMIT - 200))
    return (cut[:boundary] if boundary > 0 else cut).rstrip()
