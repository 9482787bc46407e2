"""What the billing handlers share: CPT/HCPCS codes and modifiers as
written in a question, its date of service, and mentions and citations."""

from __future__ import annotations

from urllib.parse import urlencode
import datetime
import re

from django.urls import reverse

from codingdesk.assistant.modifier_guide import modifier_get
from codingdesk.codesets import selectors as code_selectors
from codingdesk.codesets.cpt import cpt_licensed, cpt_public_code_exists
from codingdesk.edits.checks import ClaimCode
from codingdesk.edits.parsing import claim_codes_parse
from codingdesk.edits.selectors import EditReleaseNotLoaded

from ...base import Answer, AnswerKind, Citation, CodeMention, Question


# A CPT/HCPCS code as written in a question, with any modifiers after dashes
# (97597-59). CPT: 4 digits and a digit, F (category II), T (category III) or
# A (vaccine codes such as 0001A); HCPCS Level II: a letter and 4 digits. A
# neighbouring letter, digit or dot rules out ICD-10 codes like E11.9.
CODE_TOKEN = re.compile(
    r"(?<![A-Za-z0-9.])(?P<code>\d{4}[0-9A-Za-z]|[A-Za-z]\d{4})"
    r"(?P<mods>(?:\s?-\s?[A-Za-z0-9]{2}(?![A-Za-z0-9]))*)(?:(?<=\d)s)?(?![A-Za-z0-9.])"
)
CPT_SHAPE = re.compile(r"^\d{4}[0-9FTA]$")
ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
# A modifier is two letters or digits, not part of a longer token or a code.
MODIFIER_TOKEN = re.compile(r"(?<![A-Za-z0-9.\-])(-?)([A-Za-z0-9]{2})(?![A-Za-z0-9.\-])")
MUE_WORDS = re.compile(
    r"\b(mues?|medically unlikely|how many (?:units|times)|max(imum)? units|units? (limit|allowed)|"
    r"(?:per|a|each) (?:day|date of service)|twice|more than once|\d+ times|"
    # "how many 20610s can I bill on one DOS": the count asked is of units on a date of service.
    r"how many \d{4}[0-9A-Za-z]s?|(?:per|one|a|each|single) dos)\b",
    re.IGNORECASE,
)
HOSPITAL_WORDS = re.compile(r"\b(hospital|outpatient|opps|hopd)\b", re.IGNORECASE)
DME_WORDS = re.compile(r"\b(dme|supplier)\b", re.IGNORECASE)
MODIFIER_WORD = re.compile(r"\bmod(?:ifier)?s?\b", re.IGNORECASE)
COMPARE_WORDS = re.compile(r"\b(vs\.?|versus|difference|compare|comparison|or)\b", re.IGNORECASE)


def _claim_codes(text: str) -> list[ClaimCode]:
    """The CPT/HCPCS codes written in ``text``, in order, once each, with
    the modifiers written after them."""
    lines: dict[str, ClaimCode] = {}
    for match in CODE_TOKEN.finditer(text):
        (line,) = claim_codes_parse(match["code"] + re.sub(r"\s", "", match["mods"]))
        lines.setdefault(line.code, line)
    return list(lines.values())


def _date(question: Question) -> datetime.date:
    match = ISO_DATE.search(question.text)
    if match:
        try:
            return datetime.date.fromisoformat(match[1])
        except ValueError:
            pass
    match = US_DATE.search(question.text)
    if match:
        try:
            return datetime.date(int(match[3]), int(match[1]), int(match[2]))
        except ValueError:
            pass
    return question.as_of


def _text_without_dates(text: str) -> str:
    return US_DATE.sub(" ", ISO_DATE.sub(" ", text))


def _url(name: str, params: dict) -> str:
    return f"{reverse(name)}?{urlencode(params, safe=',')}"


def _cite(source_kind: str, label: str, url: str) -> Citation:
    return Citation(label=label, url=url, source_kind=source_kind)


def _code_mention(code: str, on: datetime.date) -> CodeMention:
    """A CPT code is checked against the public CMS files (its descriptor
    is licensed); a HCPCS Level II code against the HCPCS release in force,
    or the CMS files when none is imported."""
    system = "cpt" if CPT_SHAPE.match(code) else "hcpcs"
    release = code_selectors.release_for_date(system=system, as_of=on)
    if release is not None and (system == "hcpcs" or cpt_licensed()):
        found = code_selectors.code_get(release=release, code=code)
        title = (found.short_title or found.long_title) if found else ""
        return CodeMention(code=code, system=system, title=title, valid=found is not None)
    return CodeMention(code=code, system=system, title="", valid=cpt_public_code_exists(code, date_of_service=on))


def _not_found_note(mentions: list[CodeMention]) -> str:
    missing = [mention.code for mention in mentions if not mention.valid]
    if not missing:
        return ""
    return f"\n\nNot found in the code files in force on that date: {', '.join(missing)}. Check the code number."


def _question_modifiers(text: str) -> tuple[list[str], list[str]]:
    """(modifiers in the guide, unknown ones written right after the word
    "modifier"), in order. A token counts when written in upper case or
    digits ("XU", "59"), after a dash ("-lt") or right after the word
    "modifier" ("modifier ga"), so English words such as "is", "or" and
    "at" are never read as modifiers."""
    found: list[str] = []
    unknown: list[str] = []
    for match in MODIFIER_TOKEN.finditer(text):
        dash, token = match[1], match[2]
        after_word = re.search(r"\bmod(?:ifier)?s?\s*$", text[: match.start()], re.IGNORECASE) is not None
        written = token.isupper() or token.isdigit()
        if not (written or dash or after_word):
            continue
        modifier = token.upper()
        if modifier_get(modifier) is not None:
            if modifier not in found:
                found.append(modifier)
        elif after_word and written and modifier not in unknown:
            unknown.append(modifier)
    return found, unknown


def _missing_release(error: EditReleaseNotLoaded, lines: list[ClaimCode], on: datetime.date) -> Answer:
    return Answer(
        markdown=f"I cannot check this: {error}",
        kind=AnswerKind.DECLINE,
        codes=[_code_mention(line.code, on) for line in lines],
    )

