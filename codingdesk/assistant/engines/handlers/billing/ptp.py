"""NCCI procedure-to-procedure questions: "Can 11042 and 97597 be billed
together?", checked by edits.checks.ptp_check against the release in force."""

from __future__ import annotations

import datetime
import re

from codingdesk.edits.checks import NCCI_MODIFIERS, ClaimCode, PtpFinding, ptp_check
from codingdesk.edits.models import EditDataset
from codingdesk.edits.selectors import EditReleaseNotLoaded

from ...base import Answer, Citation, Question, SourceKind
from ._shared import (
    CODE_TOKEN,
    HOSPITAL_WORDS,
    MUE_WORDS,
    _cite,
    _claim_codes,
    _code_mention,
    _date,
    _missing_release,
    _not_found_note,
    _question_modifiers,
    _text_without_dates,
    _url,
)


PTP_WORDS = re.compile(
    r"\b(together|bundl\w*|unbundl\w*|ncci|ptp|edits?|pair(ed)?|column\s*[12]|separately|"
    r"same (day|claim|date|session|dos|visit|encounter)|need (?:a |an )?(?:59|x[epsu]|mod\w*)|plus|"
    r"(?:paid|billed|reported|coded) with|modifiers?)\b|\bw/|\s\+\s|"
    r"\b(?:bill\w*|report\w*|cod(?:e|ed|ing)|paid)\b.*\bwith\b",
    re.IGNORECASE,
)

MODIFIER_INDICATORS = {
    "0": "modifier indicator 0: no modifier bypasses this edit; the column 2 code is not paid with the column 1 "
    "code for the same patient, same date and same provider",
    "1": "modifier indicator 1: an NCCI-associated modifier (59, XE, XS, XP, XU, 24, 25, 57, 58, 78, 79, 27, 91 "
    "or an anatomic modifier) on the column 2 code bypasses the edit when the documentation shows the services "
    "were truly distinct; without one the column 2 code is not paid",
    "9": "modifier indicator 9: not applicable; the edit was deleted retroactively and never applied",
}


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


