"""Medically unlikely edit questions: "What is the MUE for 97110?", "Can I
bill 3 units of 20610?", checked by edits.checks.mue_check."""

from __future__ import annotations

import re

from codingdesk.edits.checks import mue_check
from codingdesk.edits.models import EditDataset
from codingdesk.edits.selectors import EditReleaseNotLoaded

from ...base import Answer, Question, SourceKind
from ._shared import (
    CODE_TOKEN,
    DME_WORDS,
    HOSPITAL_WORDS,
    MUE_WORDS,
    _cite,
    _claim_codes,
    _code_mention,
    _date,
    _missing_release,
    _not_found_note,
    _text_without_dates,
    _url,
)


UNITS = re.compile(r"\b(\d{1,5})\s+units?\b", re.IGNORECASE)
TWICE = re.compile(r"\btwice\b", re.IGNORECASE)
MAI_MEANINGS = {
    "1": "MAI 1, a claim line edit: the units on each claim line are checked against the MUE; more units may be "
    "reported on separate lines with a fitting modifier when they were truly given at separate sessions or sites",
    "2": "MAI 2, a date of service edit set by policy: all units of the code on the same date of service are added "
    "up, and units above the MUE are never paid, not even on appeal",
    "3": "MAI 3, a date of service edit set on clinical grounds: all units of the code on the same date of service "
    "are added up; units above the MUE are denied but may be paid on appeal with documentation of medical necessity",
}


def mue_handle(question: Question) -> Answer | None:
    text = _text_without_dates(question.text)
    lines = _claim_codes(text)
    if not lines or not MUE_WORDS.search(text):
        return None
    on = _date(question)
    setting = "hospital" if HOSPITAL_WORDS.search(text) else "dme" if DME_WORDS.search(text) else "practitioner"
    units_match = UNITS.search(CODE_TOKEN.sub(" ", text))
    units = int(units_match[1]) if units_match and int(units_match[1]) > 0 else None
    if units is None and TWICE.search(text):
        units = 2
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


