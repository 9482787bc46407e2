"""Billing questions for the grounded engine: modifiers (the modifier guide),
NCCI PTP pairs and MUE limits (edits.checks), and Medicare physician fees
(fees.lookup). Read-only: every fact comes from those modules, and every
claim is cited to the API row or guide entry it comes from.

Recognition is deliberately narrow: a handler answers only when the question
names what it needs (two codes and a bundling word, a code and an MUE word,
a code and a payment word, a modifier in the guide) and returns None
otherwise, so "What is E11.9?" or "code for hives" reach the code handlers.
CPT descriptors are never printed: none is stored without a licence.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from codingdesk.assistant.modifier_guide import ModifierEntry, modifier_get
from codingdesk.codesets import selectors as code_selectors
from codingdesk.codesets.cpt import cpt_licensed, cpt_public_code_exists
from codingdesk.edits.checks import NCCI_MODIFIERS, ClaimCode, PtpFinding, mue_check, ptp_check
from codingdesk.edits.models import EditDataset
from codingdesk.edits.parsing import claim_codes_parse
from codingdesk.edits.selectors import EditReleaseNotLoaded
from codingdesk.fees import selectors as fee_selectors
from codingdesk.fees.indicators import Indicator
from codingdesk.fees.lookup import FeeDataMissing, fee_lookup, indicators_of
from codingdesk.fees.models import FeeDataset, Gpci, RelativeValue

from ..base import Answer, AnswerKind, Citation, CodeMention, Question, SourceKind

# A CPT/HCPCS code as written in a question, with any modifiers after dashes
# (97597-59). CPT: 4 digits and a digit, F (category II), T (category III) or
# A (vaccine codes such as 0001A); HCPCS Level II: a letter and 4 digits. A
# neighbouring letter, digit or dot rules out ICD-10 codes like E11.9.
CODE_TOKEN = re.compile(
    r"(?<![A-Za-z0-9.])(?P<code>\d{4}[0-9A-Za-z]|[A-Za-z]\d{4})"
    r"(?P<mods>(?:\s?-\s?[A-Za-z0-9]{2}(?![A-Za-z0-9]))*)(?![A-Za-z0-9.])"
)
CPT_SHAPE = re.compile(r"^\d{4}[0-9FTA]$")
ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
# A modifier is two letters or digits, not part of a longer token or a code.
MODIFIER_TOKEN = re.compile(r"(?<![A-Za-z0-9.\-])(-?)([A-Za-z0-9]{2})(?![A-Za-z0-9.\-])")
MODIFIER_WORD = re.compile(r"\bmod(?:ifier)?s?\b", re.IGNORECASE)
COMPARE_WORDS = re.compile(r"\b(vs\.?|versus|difference|compare|comparison|or)\b", re.IGNORECASE)
PTP_WORDS = re.compile(
    r"\b(together|bundl\w*|unbundl\w*|ncci|ptp|edits?|pair(ed)?|column\s*[12]|separately|same (day|claim|date))\b",
    re.IGNORECASE,
)
MUE_WORDS = re.compile(
    r"\b(mues?|medically unlikely|how many units|max(imum)? units|units? (limit|allowed))\b", re.IGNORECASE
)
UNITS = re.compile(r"\b(\d{1,5})\s+units?\b", re.IGNORECASE)
MONEY = r"pays?|paid|payment|fees?|reimburs\w*|allowable|allowed amount|rates?|price[ds]?|cost|how much"
FEE_WORDS = re.compile(
    rf"\b({MONEY}|rvus?|"
    r"relative value\w*|global (days|period|surgery|package)|indicators?|bilateral|assistant|co-?surge\w*|"
    r"multiple procedure)\b",
    re.IGNORECASE,
)
MONEY_WORDS = re.compile(rf"\b({MONEY})\b", re.IGNORECASE)
HOSPITAL_WORDS = re.compile(r"\b(hospital|outpatient|opps|hopd)\b", re.IGNORECASE)
DME_WORDS = re.compile(r"\b(dme|supplier)\b", re.IGNORECASE)
LOCALITY_KEY = re.compile(r"\b(\d{5}-\d{2})\b")
FEE_MODIFIERS = ("26", "TC", "53")

MODIFIER_INDICATORS = {
    "0": "modifier indicator 0: no modifier bypasses this edit; the column 2 code is not paid with the column 1 "
    "code for the same patient, same date and same provider",
    "1": "modifier indicator 1: an NCCI-associated modifier (59, XE, XS, XP, XU, 24, 25, 57, 58, 78, 79, 27, 91 "
    "or an anatomic modifier) on the column 2 code bypasses the edit when the documentation shows the services "
    "were truly distinct; without one the column 2 code is not paid",
    "9": "modifier indicator 9: not applicable; the edit was deleted retroactively and never applied",
}
MAI_MEANINGS = {
    "1": "MAI 1, a claim line edit: the units on each claim line are checked against the MUE; more units may be "
    "reported on separate lines with a fitting modifier when they were truly given at separate sessions or sites",
    "2": "MAI 2, a date of service edit set by policy: all units of the code on the same date of service are added "
    "up, and units above the MUE are never paid, not even on appeal",
    "3": "MAI 3, a date of service edit set on clinical grounds: all units of the code on the same date of service "
    "are added up; units above the MUE are denied but may be paid on appeal with documentation of medical necessity",
}
# Which indicators a fee answer shows, by the words of the question.
INDICATOR_WORDS = {
    "global_days": re.compile(r"\bglobal\b", re.IGNORECASE),
    "mult_proc": re.compile(r"\bmultiple\b", re.IGNORECASE),
    "bilat_surg": re.compile(r"\bbilateral\b", re.IGNORECASE),
    "asst_surg": re.compile(r"\bassistant\b", re.IGNORECASE),
    "co_surg": re.compile(r"\bco-?surge\w*\b", re.IGNORECASE),
    "pctc_indicator": re.compile(r"\b(26|TC|professional|technical)\b"),
}
INDICATOR_LABELS = {
    "status_code": "Status",
    "global_days": "Global days",
    "pctc_indicator": "PC/TC indicator",
    "mult_proc": "Multiple procedure",
    "bilat_surg": "Bilateral surgery",
    "asst_surg": "Assistant at surgery",
    "co_surg": "Co-surgeons",
}
SURGICAL_GLOBALS = ("000", "010", "090")
STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico", "VI": "Virgin Islands",
}


# ---------------------------------------------------------------- helpers


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


# ---------------------------------------------------------------- modifiers


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


def modifier_handle(question: Question) -> Answer | None:
    text = _text_without_dates(question.text)
    modifiers, unknown = _question_modifiers(text)
    if MODIFIER_WORD.search(text):
        # "modifier on 97597-59": the one written on a code counts too.
        for line in _claim_codes(text):
            modifiers += [modifier for modifier in line.modifiers if modifier_get(modifier) and modifier not in modifiers]
    has_word = MODIFIER_WORD.search(text) is not None
    dashed = re.search(r"(?<![A-Za-z0-9])-[A-Za-z0-9]{2}\b", text) is not None
    if not has_word and not dashed and not (len(modifiers) >= 2 and COMPARE_WORDS.search(text)):
        return None
    if not modifiers:
        if not unknown:
            return None
        return Answer(
            markdown=f"Modifier {', '.join(unknown)} is not in the CodingDesk modifier guide, so I cannot say what "
            "it means. Check the CMS HCPCS modifier list or CPT Appendix A.",
            kind=AnswerKind.DECLINE,
        )
    entries = [modifier_get(modifier) for modifier in modifiers[:4]]
    citations = [_modifier_citation(entry) for entry in entries]
    if len(entries) == 1:
        markdown = _modifier_text(entries[0])
    else:
        markdown = _modifier_comparison(entries)
    if unknown:
        markdown += f"\n\nNot in the modifier guide: {', '.join(unknown)}."
    return Answer(markdown=markdown, citations=citations, codes=_modifier_mentions(entries, question.as_of))


def _modifier_text(entry: ModifierEntry) -> str:
    return (
        f"**Modifier {entry.modifier}** ({_kind(entry)}): {entry.title} [1].\n\n"
        f"- **Meaning:** {entry.meaning}\n"
        f"- **When to use it:** {entry.when_to_use}\n"
        f"- **Common errors:** {entry.common_errors}\n"
        f"- **NCCI:** {_ncci_sentence(entry)}"
    )


def _modifier_comparison(entries: list[ModifierEntry]) -> str:
    names = [f"**{entry.modifier}**" for entry in entries]
    rows = [
        "| | " + " | ".join(f"Modifier {entry.modifier} [{number}]" for number, entry in enumerate(entries, 1)) + " |",
        "|---" * (len(entries) + 1) + "|",
    ]
    for label, value in (
        ("Kind", _kind),
        ("Title", lambda entry: entry.title),
        ("Meaning", lambda entry: entry.meaning),
        ("When to use", lambda entry: entry.when_to_use),
        ("Common errors", lambda entry: entry.common_errors),
        ("NCCI-associated", lambda entry: "yes" if entry.ncci_associated else "no"),
    ):
        rows.append(f"| {label} | " + " | ".join(_cell(value(entry)) for entry in entries) + " |")
    bypass = [entry.modifier for entry in entries if entry.ncci_associated]
    if len(bypass) == len(entries):
        ncci = (
            f"All of {', '.join(bypass)} are NCCI-associated: each can bypass a PTP edit with modifier indicator 1 "
            "(never one with indicator 0). Use the most specific one that the documentation supports, and only one "
            "of them on a line."
        )
    elif bypass:
        ncci = (
            f"Only {', '.join(bypass)} can bypass a PTP edit with modifier indicator 1; "
            f"{', '.join(entry.modifier for entry in entries if not entry.ncci_associated)} cannot."
        )
    else:
        ncci = "None of them is NCCI-associated: none bypasses a PTP edit."
    return f"Modifiers {' and '.join(names)} side by side:\n\n" + "\n".join(rows) + f"\n\n{ncci}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _kind(entry: ModifierEntry) -> str:
    return "HCPCS Level II modifier" if entry.kind == "hcpcs" else "CPT modifier"


def _ncci_sentence(entry: ModifierEntry) -> str:
    if entry.ncci_associated:
        return (
            "NCCI-associated: on a PTP code pair whose modifier indicator is 1, it can bypass the edit when the "
            "documentation supports it; it never bypasses an edit with modifier indicator 0."
        )
    return "Not NCCI-associated: it does not bypass an NCCI PTP edit."


def _modifier_citation(entry: ModifierEntry) -> Citation:
    if entry.kind == "hcpcs":
        url = reverse("codesets:code_detail", args=["hcpcs_modifier", entry.modifier])
    else:
        url = reverse("edits:ptp_tool")
    return Citation(label=entry.source, url=url, source_kind=SourceKind.MODIFIER_GUIDE)


def _modifier_mentions(entries: list[ModifierEntry], on: datetime.date) -> list[CodeMention]:
    """HCPCS modifiers are a code system of their own; CPT modifiers are not
    imported as codes, so only the guide vouches for them."""
    mentions = []
    if not any(entry.kind == "hcpcs" for entry in entries):
        return mentions
    release = code_selectors.release_for_date(system="hcpcs_modifier", as_of=on)
    for entry in entries:
        if entry.kind != "hcpcs":
            continue
        valid = release is None or code_selectors.code_get(release=release, code=entry.modifier) is not None
        mentions.append(CodeMention(code=entry.modifier, system="hcpcs_modifier", title=entry.title, valid=valid))
    return mentions


# ---------------------------------------------------------------- NCCI PTP


def ptp_handle(question: Question) -> Answer | None:
    text = _text_without_dates(question.text)
    lines = _claim_codes(text)
    if len(lines) < 2 or not PTP_WORDS.search(text) or MUE_WORDS.search(text):
        return None
    lines = lines[:10]
    on = _date(question)
    setting = "hospital" if HOSPITAL_WORDS.search(text) else "practitioner"
    # "with modifier 25": a modifier not written on a code goes on the column
    # 2 code of each edit, where NCCI policy puts it.
    loose, _ = _question_modifiers(CODE_TOKEN.sub(" ", text))
    try:
        result = ptp_check(lines=lines, date_of_service=on, setting=setting)
        if loose and result.findings:
            column2 = {finding.column2 for finding in result.findings}
            lines = [
                ClaimCode(line.code, line.modifiers + tuple(m for m in loose if m not in line.modifiers))
                if line.code in column2 else line
                for line in lines
            ]
            result = ptp_check(lines=lines, date_of_service=on, setting=setting)
    except EditReleaseNotLoaded as error:
        return _missing_release(error, lines, on)
    mentions = [_code_mention(line.code, on) for line in lines]
    release = f"{EditDataset(result.release.dataset).label} release {result.release.version}"
    written = ", ".join(_written(line) for line in lines)
    head = f"NCCI PTP check of {written} on {on.isoformat()} ({release}):"
    citations: list[Citation] = []
    if not result.findings:
        api_url = _ptp_url(lines, on, setting, api=True)
        citations.append(_cite(SourceKind.NCCI_EDIT, f"NCCI PTP check, {release}", api_url))
        citations.append(_cite(SourceKind.NCCI_EDIT, "NCCI PTP tool", _ptp_url(lines, on, setting, api=False)))
        markdown = (
            f"{head} no PTP edit pairs these codes [1], so as far as NCCI PTP edits go they may be reported "
            "together. Other rules may still apply: MUE unit limits, the global surgery package, payer policy "
            "and medical necessity."
        )
        return Answer(markdown=markdown + _not_found_note(mentions), codes=mentions, citations=citations)
    parts = [head]
    by_code = {line.code: line for line in lines}
    for finding in result.findings:
        pair = [by_code[finding.column1], by_code[finding.column2]]
        index = len(citations) + 1
        citations.append(Citation(
            label=f"NCCI PTP edit {finding.column1}/{finding.column2}, {release}",
            url=_ptp_url(pair, on, setting, api=True),
            source_kind=SourceKind.NCCI_EDIT,
        ))
        citations.append(Citation(
            label=f"NCCI PTP tool: {finding.column1} and {finding.column2}",
            url=_ptp_url(pair, on, setting, api=False),
            source_kind=SourceKind.NCCI_EDIT,
        ))
        parts.append(_finding_text(finding, index))
    return Answer(markdown="\n\n".join(parts) + _not_found_note(mentions), codes=mentions, citations=citations)


def _finding_text(finding: PtpFinding, index: int) -> str:
    column1, column2 = finding.column1, finding.column2
    dates = f"effective {finding.effective.isoformat()}"
    dates += f", deleted from {finding.deletion.isoformat()}" if finding.deletion else ", no deletion date"
    given = [*finding.column1_modifiers, *finding.column2_modifiers]
    if finding.bypassed:
        line = column2 if finding.bypassed_on == "column2" else column1
        outcome = (
            f"Modifier {finding.bypassed_by} on {line} (the {finding.bypassed_on.replace('column', 'column ')} line) "
            f"bypasses this edit, so both codes may be paid when the documentation shows the services were "
            f"truly distinct."
        )
    elif finding.modifier_indicator == "0":
        outcome = f"{column2} is not paid with {column1}" + (
            f"; modifier {', '.join(given)} does not change that, since indicator 0 allows no modifier." if given else "."
        )
    elif given:
        ncci = [modifier for modifier in given if modifier in NCCI_MODIFIERS]
        outcome = (
            f"Modifier {', '.join(given)} does not bypass it"
            + (" (the same anatomic modifier on both lines shows the same site)" if not ncci else "")
            + f": without an NCCI-associated modifier, {column2} is not paid with {column1}."
        )
    else:
        outcome = (
            f"No modifier was given: {column2} is not paid with {column1} unless an NCCI-associated modifier "
            f"(on {column2}) is supported by the documentation."
        )
    return (
        f"- **{column1} (column 1) / {column2} (column 2)** [{index}]: "
        f"{MODIFIER_INDICATORS[finding.modifier_indicator]}. {outcome} Rationale: {finding.rationale}. Dates: {dates}."
    )


def _written(line: ClaimCode) -> str:
    return "-".join([line.code, *line.modifiers])


def _ptp_url(lines: list[ClaimCode], on: datetime.date, setting: str, *, api: bool) -> str:
    params = {"codes": ",".join(_written(line) for line in lines), "date": on.isoformat(), "setting": setting}
    return _url("api:edits_ptp" if api else "edits:ptp_tool", params)


def _missing_release(error: EditReleaseNotLoaded, lines: list[ClaimCode], on: datetime.date) -> Answer:
    return Answer(
        markdown=f"I cannot check this: {error}",
        kind=AnswerKind.DECLINE,
        codes=[_code_mention(line.code, on) for line in lines],
    )


# ---------------------------------------------------------------- MUE


def mue_handle(question: Question) -> Answer | None:
    text = _text_without_dates(question.text)
    lines = _claim_codes(text)
    if not lines or not MUE_WORDS.search(text):
        return None
    on = _date(question)
    setting = "hospital" if HOSPITAL_WORDS.search(text) else "dme" if DME_WORDS.search(text) else "practitioner"
    units_match = UNITS.search(CODE_TOKEN.sub(" ", text))
    units = int(units_match[1]) if units_match and int(units_match[1]) > 0 else None
    parts, citations = [], []
    try:
        findings = [
            mue_check(code=line.code, units=units or 1, date_of_service=on, setting=setting) for line in lines[:5]
        ]
    except EditReleaseNotLoaded as error:
        return _missing_release(error, lines, on)
    for finding in findings:
        release = f"{EditDataset(finding.release.dataset).label} release {finding.release.version}"
        index = len(citations) + 1
        params = {"code": finding.code, "units": units or 1, "date": on.isoformat(), "setting": setting}
        citations.append(_cite(SourceKind.MUE, f"MUE {finding.code}, {release}", _url("api:edits_mue", params)))
        citations.append(_cite(SourceKind.MUE, f"MUE tool: {finding.code}", _url("edits:mue_tool", params)))
        if finding.mue is None:
            parts.append(f"- **{finding.code}** [{index}]: {finding.mai_meaning}")
            continue
        text_part = (
            f"- **{finding.code}** [{index}]: the MUE is **{finding.mue}** unit{'s' if finding.mue != 1 else ''} "
            f"({release}, date of service {on.isoformat()}), "
        )
        # With units asked about, the check's own sentence applies the MAI to them.
        if units is not None:
            text_part += f"MAI {finding.mai}. {finding.mai_meaning}"
        else:
            text_part += f"{MAI_MEANINGS[finding.mai]}."
        if finding.rationale:
            text_part += f" MUE rationale: {finding.rationale}."
        parts.append(text_part)
    mentions = [_code_mention(line.code, on) for line in lines[:5]]
    markdown = "Medically unlikely edits (MUE):\n\n" + "\n".join(parts)
    markdown += (
        "\n\nAn MUE is the most units a provider would report for one patient on one date; it is not a target, "
        "and the documentation must support every unit."
    )
    return Answer(markdown=markdown + _not_found_note(mentions), codes=mentions, citations=citations)


# ---------------------------------------------------------------- fees


def fee_handle(question: Question) -> Answer | None:
    text = _text_without_dates(question.text)
    if not FEE_WORDS.search(text) or not CODE_TOKEN.search(text):
        return None
    on = _date(question)
    localities, keys = _localities_named(text, on)
    # A locality key (01112-54) reads like a code with a modifier; 71046-26 is not one.
    lines = _claim_codes(re.sub("|".join(map(re.escape, keys)), " ", text) if keys else text)
    if not lines:
        return None
    line = lines[0]
    modifier = next((m for m in line.modifiers if m in FEE_MODIFIERS), "")
    if not modifier:
        modifier = next((m for m in _question_modifiers(CODE_TOKEN.sub(" ", text))[0] if m in FEE_MODIFIERS), "")
    mentions = [_code_mention(line.code, on)]
    if len(localities) == 1:
        return _fee_priced(question, line.code, modifier, localities[0], on, mentions)
    return _fee_unpriced(question, line.code, modifier, localities, on, mentions)


def _localities_named(text: str, on: datetime.date) -> tuple[list[Gpci], set[str]]:
    """The localities the question names, and the locality keys written in
    it: by key (01112-54), by locality name (Manhattan), else every locality
    of a state named (Alabama, "in AL")."""
    release, localities = fee_selectors.locality_list(on=on)
    if release is None:
        return [], set()
    localities = list(localities)
    keys = set(LOCALITY_KEY.findall(text)) & {gpci.key for gpci in localities}
    if keys:
        return [gpci for gpci in localities if gpci.key in keys], keys
    lowered = f" {re.sub(r'[^a-z0-9]+', ' ', text.lower())} "
    named = [
        gpci for gpci in localities
        if f" {re.sub(r'[^a-z0-9]+', ' ', gpci.locality_name.lower()).strip()} " in lowered
    ]
    if named:
        longest = max(len(gpci.locality_name) for gpci in named)
        return [gpci for gpci in named if len(gpci.locality_name) == longest], keys
    states = {abbr for abbr, name in STATES.items() if f" {name.lower()} " in lowered}
    states |= {abbr for abbr in re.findall(r"\b(?:in|for)\s+([A-Z]{2})\b", text) if abbr in STATES}
    return [gpci for gpci in localities if gpci.state in states], keys


def _fee_priced(question, code, modifier, gpci: Gpci, on, mentions) -> Answer:
    try:
        result = fee_lookup(code=code, modifier=modifier, locality=gpci.key, date_of_service=on)
    except FeeDataMissing as error:
        return _fee_missing(error.detail, mentions)
    row = result.relative_value
    label = f"{code}-{modifier}" if modifier else code
    params = {"code": code, "modifier": modifier, "locality": gpci.key, "date": on.isoformat()}
    citations = [
        _cite(
            SourceKind.FEE_SCHEDULE,
            f"Medicare physician fee schedule: RVU file {result.rvu_release.version}, GPCI {result.gpci_release.version}",
            _url("api:fee_detail", params),
        ),
        _cite(SourceKind.FEE_SCHEDULE, f"Fee lookup tool: {label}", _url("fees:fee_tool", params)),
    ]
    lines = [
        f"Medicare physician fee schedule for **{label}** in {gpci.state}: {gpci.locality_name} ({gpci.key}) on "
        f"{on.isoformat()} [1]:",
        "",
        f"- **Non-facility:** {_money(result.non_facility_amount)}",
        f"- **Facility:** {_money(result.facility_amount)}",
    ]
    # A status or a row without RVUs gives no amount in either setting: then
    # the notes say why, and a formula that comes to nothing would mislead.
    if result.non_facility_amount is not None or result.facility_amount is not None:
        lines += [
            "",
            "Amount = [(work RVU × work GPCI) + (PE RVU × PE GPCI) + (MP RVU × MP GPCI)] × conversion factor, "
            "rounded to cents:",
            "",
        ]
        for setting, pe_rvu, amount in (
            ("Non-facility", row.non_facility_pe_rvu, result.non_facility_amount),
            ("Facility", row.facility_pe_rvu, result.facility_amount),
        ):
            factor = result.conversion_factor
            lines.append(f"- {setting}: {_arithmetic(row.work_rvu, pe_rvu, row.mp_rvu, gpci, factor, amount)}")
    for note in result.payment_notes:
        lines.append(f"- {note}")
    lines += ["", *_indicator_lines(question.text, result.indicators, row)]
    lines.append(
        "\nThis is the Medicare fee schedule amount before deductible, coinsurance, sequestration and any "
        "multiple-procedure or other payment reductions."
    )
    return Answer(markdown="\n".join(lines) + _not_found_note(mentions), codes=mentions, citations=citations)


def _fee_unpriced(question, code, modifier, localities: list[Gpci], on, mentions) -> Answer:
    """No single locality: the RVUs and indicators, and which locality to price in."""
    release = fee_selectors.fee_release_in_force(dataset=FeeDataset.RVU, on=on)
    if release is None:
        return _fee_missing(f"No RVU file (PPRRVU) in force on {on.isoformat()} has been imported.", mentions)
    row = fee_selectors.relative_value_get(release=release, code=code, modifier=modifier)
    label = f"{code}-{modifier}" if modifier else code
    if row is None:
        others = fee_selectors.relative_value_modifiers(release=release, code=code)
        detail = f"The {release.version} RVU file has no row for {label}."
        if others:
            detail += " It has " + ", ".join(f"{code}-{m}" if m else f"{code} (no modifier)" for m in others) + "."
        return _fee_missing(detail, mentions)
    _, all_localities = fee_selectors.locality_list(on=on)
    # The API and the tool price in one locality; any shows the RVUs.
    first = localities[0] if localities else all_localities.first()
    example = first.key if first else "10112-00"
    params = {"code": code, "modifier": modifier, "locality": example, "date": on.isoformat()}
    api_url = _url("api:fee_detail", params)
    citations = [
        _cite(SourceKind.FEE_SCHEDULE, f"Medicare physician fee schedule: RVU file {release.version}", api_url),
        _cite(SourceKind.FEE_SCHEDULE, f"Fee lookup tool: {label}", _url("fees:fee_tool", params)),
    ]
    total_nf = row.work_rvu + row.non_facility_pe_rvu + row.mp_rvu
    total_f = row.work_rvu + row.facility_pe_rvu + row.mp_rvu
    lines = [
        f"RVUs for **{label}** in the {release.version} RVU file (date of service {on.isoformat()}) [1]:",
        "",
        f"- Work RVU {row.work_rvu}, non-facility PE RVU {row.non_facility_pe_rvu}"
        f"{' (NA)' if row.non_facility_na else ''}, facility PE RVU {row.facility_pe_rvu}"
        f"{' (NA)' if row.facility_na else ''}, malpractice RVU {row.mp_rvu}",
        f"- Total RVUs: non-facility {total_nf}, facility {total_f}; conversion factor {release.conversion_factor}",
        "",
        *_indicator_lines(question.text, indicators_of(row), row),
    ]
    if localities:
        choices = [f"{gpci.locality_name} ({gpci.key})" for gpci in localities]
        state = STATES.get(localities[0].state, localities[0].state)
        lines += ["", f"{state} has {len(localities)} Medicare payment localities with different GPCIs:", ""]
        lines += [f"- {choice}" for choice in choices]
        follow_up = [f"Which {state} locality should I price {label} in: {', '.join(choices)}?"]
    else:
        follow_up = [f"Which Medicare locality (state and area, e.g. {example}) should I price {label} in?"]
    asks_money = MONEY_WORDS.search(question.text) is not None or bool(localities)
    lines += ["", "The amount depends on the locality's GPCIs: tell me the locality and I will price it."]
    return Answer(
        markdown="\n".join(lines) + _not_found_note(mentions),
        kind=AnswerKind.ASK if asks_money else AnswerKind.ANSWER,
        codes=mentions,
        citations=citations,
        follow_up_questions=follow_up,
    )


def _indicator_lines(text: str, found: dict[str, Indicator], row: RelativeValue) -> list[str]:
    """The status, global days and PC/TC indicator always; the surgical ones
    for surgery (a 0, 10 or 90-day global) or when the question names them."""
    asked = {name for name, words in INDICATOR_WORDS.items() if words.search(text)}
    shown = ["status_code", "global_days", "pctc_indicator"]
    if row.global_days in SURGICAL_GLOBALS:
        shown += ["mult_proc", "bilat_surg", "asst_surg", "co_surg"]
    shown += [name for name in INDICATOR_LABELS if name in asked and name not in shown]
    lines = ["Indicators:"]
    for name in shown:
        item = found[name]
        lines.append(f"- {INDICATOR_LABELS[name]} {item.code or '(blank)'}: {item.meaning}")
    return lines


def _arithmetic(work, pe, mp, gpci: Gpci, factor: Decimal, amount: Decimal | None) -> str:
    total = work * gpci.work_gpci + pe * gpci.pe_gpci + mp * gpci.mp_gpci
    exact = total * factor
    formula = (
        f"[({work} × {gpci.work_gpci}) + ({pe} × {gpci.pe_gpci}) + ({mp} × {gpci.mp_gpci})] × {factor} "
        f"= {_plain(total)} × {factor} = {_plain(exact)}"
    )
    return f"{formula} → {_money(amount)}" if amount is not None else f"{formula}; no amount is given (see below)"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _money(amount: Decimal | None) -> str:
    return "no amount" if amount is None else f"${amount:,.2f}"


def _fee_missing(detail: str, mentions: list[CodeMention]) -> Answer:
    return Answer(markdown=f"I cannot price this: {detail}", kind=AnswerKind.DECLINE, codes=mentions)


# Most specific first: an MUE question names units, a PTP question two codes
# and a bundling word, a fee question a code and a payment word; a modifier
# question names no code at all.
HANDLERS: list = [mue_handle, ptp_handle, fee_handle, modifier_handle]
