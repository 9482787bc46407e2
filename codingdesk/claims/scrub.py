"""The claim-line scrubber: a claim's lines checked on their date of service
in three layers that coders keep apart, each finding with a plain
explanation and the source row it comes from:

- ptp: NCCI procedure-to-procedure edits between two lines, and whether a
  modifier bypasses them (codingdesk.edits.checks.ptp_check);
- mue: each code's units against its Medically Unlikely Edit
  (codingdesk.edits.checks.mue_check);
- fee_status: each code's status in the physician fee schedule RVU file
  (codingdesk.fees selectors and indicators).

Read-only. A layer whose data is not loaded for the date gets a notice and
no findings; the other layers are still checked.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from codingdesk.edits.checks import ClaimCode, MueFinding, PtpFinding, mue_check, ptp_check
from codingdesk.edits.models import EditDataset, EditRelease
from codingdesk.edits.selectors import EditReleaseNotLoaded
from codingdesk.fees import indicators
from codingdesk.fees import selectors as fee_selectors
from codingdesk.fees.models import FeeDataset, FeeRelease, RelativeValue

from .parsing import ClaimLine

SETTINGS = {"practitioner": "practitioner", "hospital": "outpatient hospital"}
# The RVU file has rows of their own for these modifiers only.
RVU_ROW_MODIFIERS = ("26", "TC", "53")
MAI_LABELS = {
    "1": "claim line edit",
    "2": "date of service edit (policy)",
    "3": "date of service edit (clinical)",
}


@dataclass
class Layer:
    notice: str | None = None
    release: dict | None = None
    findings: list = field(default_factory=list)


@dataclass
class PtpScrubFinding:
    column1: str
    column2: str
    column1_line: int
    column2_line: int
    column1_modifiers: tuple[str, ...]
    column2_modifiers: tuple[str, ...]
    modifier_indicator: str
    rationale: str
    effective: datetime.date
    deletion: datetime.date | None
    bypassed: bool
    bypassed_by: str | None
    bypassed_on: str | None
    needs_attention: bool
    explanation: str
    source: dict
    source_url: str | None


@dataclass
class MueScrubFinding:
    code: str
    lines: list[int]
    units: int
    mue: int | None
    mai: str | None
    exceeds: bool
    rationale: str
    needs_attention: bool
    explanation: str
    source: dict
    source_url: str | None


@dataclass
class FeeStatusFinding:
    code: str
    modifier: str
    lines: list[int]
    in_fee_schedule: bool
    status_code: str | None
    status_meaning: str
    needs_attention: bool
    explanation: str
    source: dict
    source_url: str | None


@dataclass
class ClaimScrubResult:
    date_of_service: datetime.date
    setting: str
    lines: list[ClaimLine]
    layers: dict[str, Layer]


def claim_scrub(*, lines: list[ClaimLine], date_of_service: datetime.date, setting: str) -> ClaimScrubResult:
    """Every finding for the claim's lines on the date of service, by layer.
    ``setting`` is "practitioner" or "hospital" (outpatient)."""
    if setting not in SETTINGS:
        raise ValueError(f"{setting!r} is not a setting; choose one of {', '.join(SETTINGS)}")
    layers = {
        "ptp": _ptp_layer(lines, date_of_service, setting),
        "mue": _mue_layer(lines, date_of_service, setting),
        "fee_status": _fee_status_layer(lines, date_of_service, setting),
    }
    return ClaimScrubResult(date_of_service=date_of_service, setting=setting, lines=lines, layers=layers)


# PTP ---------------------------------------------------------------------


def _ptp_layer(lines: list[ClaimLine], day: datetime.date, setting: str) -> Layer:
    claim_codes = [ClaimCode(code=line.code, modifiers=line.modifiers) for line in lines]
    try:
        result = ptp_check(lines=claim_codes, date_of_service=day, setting=setting)
    except EditReleaseNotLoaded:
        return Layer(
            notice=f"No NCCI PTP data is loaded for {day.isoformat()} ({SETTINGS[setting]}), so code pairs were "
            f"not checked. Import the NCCI PTP release in force on that date."
        )
    findings = [_ptp_finding(finding, lines, result.release, day, setting) for finding in result.findings]
    findings.sort(key=lambda item: (not item.needs_attention, item.column1_line, item.column2_line))
    return Layer(release=_edit_release(result.release), findings=findings)


def _ptp_finding(
    finding: PtpFinding, lines: list[ClaimLine], release: EditRelease, day: datetime.date, setting: str
) -> PtpScrubFinding:
    column1_line = _line_of(lines, finding.column1, finding.column1_modifiers)
    column2_line = _line_of(lines, finding.column2, finding.column2_modifiers)
    codes = ",".join(
        "-".join([code, *modifiers])
        for code, modifiers in (
            (finding.column1, finding.column1_modifiers),
            (finding.column2, finding.column2_modifiers),
        )
    )
    return PtpScrubFinding(
        column1=finding.column1,
        column2=finding.column2,
        column1_line=column1_line,
        column2_line=column2_line,
        column1_modifiers=finding.column1_modifiers,
        column2_modifiers=finding.column2_modifiers,
        modifier_indicator=finding.modifier_indicator,
        rationale=finding.rationale,
        effective=finding.effective,
        deletion=finding.deletion,
        bypassed=finding.bypassed,
        bypassed_by=finding.bypassed_by,
        bypassed_on=finding.bypassed_on,
        needs_attention=not finding.bypassed,
        explanation=_ptp_explanation(finding),
        source={
            "dataset": release.dataset,
            "release": release.version,
            "column1": finding.column1,
            "column2": finding.column2,
            "effective": finding.effective.isoformat(),
        },
        source_url=_api_url("api:edits_ptp", codes=codes, date=day.isoformat(), setting=setting),
    )


def _line_of(lines: list[ClaimLine], code: str, modifiers: tuple[str, ...]) -> int:
    return next(line.number for line in lines if (line.code, line.modifiers) == (code, tuple(modifiers)))


def _ptp_explanation(finding: PtpFinding) -> str:
    pair = f"Column 2 code {finding.column2} is bundled into column 1 code {finding.column1}"
    if finding.modifier_indicator == "0":
        text = (
            f"{pair}. Modifier indicator 0: no modifier allows billing both on the same date of service, so "
            f"{finding.column2} is not paid separately."
        )
    elif finding.bypassed:
        column = "2" if finding.bypassed_on == "column2" else "1"
        text = (
            f"{pair}, but modifier indicator 1 lets a modifier bypass the edit, and {finding.bypassed_by} on the "
            f"column {column} line does: both codes can be paid if the record documents a distinct service "
            f"(another session, site, lesion or encounter)."
        )
        if column == "1":
            text += (
                " NCCI policy puts the modifier on the column 2 code; the edit software also accepts it on column 1."
            )
    else:
        text = (
            f"{pair}. Modifier indicator 1: both can be paid only with an NCCI-associated modifier (such as 59, "
            f"XE, XS, XP, XU, or an anatomic modifier like RT/LT) on the column 2 line when the record documents "
            f"a distinct service; these lines have none, so {finding.column2} is not paid separately."
        )
    text += f" Rationale: {finding.rationale.rstrip('.')}. Edit in force from {finding.effective.isoformat()}"
    text += f", deleted from {finding.deletion.isoformat()}." if finding.deletion else "."
    return text


# MUE ---------------------------------------------------------------------


def _mue_layer(lines: list[ClaimLine], day: datetime.date, setting: str) -> Layer:
    by_code: dict[str, list[ClaimLine]] = defaultdict(list)
    for line in lines:
        by_code[line.code].append(line)
    findings = []
    release = None
    for code, code_lines in by_code.items():
        total = sum(line.units for line in code_lines)
        try:
            day_check = mue_check(code=code, units=total, date_of_service=day, setting=setting)
        except EditReleaseNotLoaded:
            return Layer(
                notice=f"No MUE data is loaded for {day.isoformat()} ({SETTINGS[setting]}), so units were not "
                f"checked. Import the MUE file in force on that date."
            )
        release = day_check.release
        # CMS MUE policy (Medicare NCCI Policy Manual, chapter I, section V,
        # and the MUE page's "MUE Adjudication Indicator"): MAI 1 is a claim
        # line edit, each line adjudicated on its own, so units on separate
        # lines (with 76, 77, 91, 59, XE/XS/XP/XU or anatomic modifiers) are
        # not added up; MAI 2 and 3 are date of service edits, so the units
        # of every line of the code for that date are summed.
        if day_check.mai == "1" and len(code_lines) > 1:
            for line in code_lines:
                check = mue_check(code=code, units=line.units, date_of_service=day, setting=setting)
                findings.append(_mue_finding(check, [line], day, setting))
        else:
            findings.append(_mue_finding(day_check, code_lines, day, setting))
    findings.sort(key=lambda item: (not item.needs_attention, item.lines[0]))
    return Layer(release=_edit_release(release) if release else None, findings=findings)


def _mue_finding(check: MueFinding, lines: list[ClaimLine], day: datetime.date, setting: str) -> MueScrubFinding:
    explanation = check.mai_meaning
    if len(lines) > 1 and check.mai in ("2", "3"):
        numbers = _and([str(line.number) for line in lines])
        explanation = (
            f"Lines {numbers} bill {check.code}; as a date of service edit its MUE counts their {check.units} "
            f"units together, and units of the same code on other claims for the patient that day count too. "
            f"{explanation}"
        )
    elif check.mai == "1" or len(lines) == 1:
        explanation = f"Line {lines[0].number}: {explanation}"
    if check.mai:
        explanation += f" MUE rationale: {check.rationale.rstrip('.')}."
    return MueScrubFinding(
        code=check.code,
        lines=[line.number for line in lines],
        units=check.units,
        mue=check.mue,
        mai=check.mai,
        exceeds=check.exceeds,
        rationale=check.rationale,
        needs_attention=check.exceeds,
        explanation=explanation,
        source={"dataset": check.release.dataset, "release": check.release.version, "code": check.code},
        source_url=_api_url(
            "api:edits_mue", code=check.code, units=str(check.units), date=day.isoformat(), setting=setting
        ),
    )


# Fee schedule status -----------------------------------------------------


def _fee_status_layer(lines: list[ClaimLine], day: datetime.date, setting: str) -> Layer:
    release = fee_selectors.fee_release_in_force(dataset=FeeDataset.RVU, on=day)
    if release is None:
        return Layer(
            notice=f"No physician fee schedule RVU file is loaded for {day.isoformat()}, so status codes were "
            f"not checked. Import the PPRRVU file in force on that date."
        )
    notice = None
    if setting == "hospital":
        notice = (
            "These status codes are from the Medicare physician fee schedule. An outpatient hospital claim is "
            "paid under OPPS, whose status indicators (Addendum B) are not loaded here."
        )
    locality = _any_locality(day)
    rows: dict[tuple[str, str], tuple[RelativeValue | None, list[ClaimLine]]] = {}
    for line in lines:
        row = _rvu_row(release, line)
        key = (line.code, row.modifier if row else "")
        rows.setdefault(key, (row, []))[1].append(line)
    findings = [
        _fee_status_finding(code, row, code_lines, release, day, locality)
        for (code, _), (row, code_lines) in rows.items()
    ]
    findings.sort(key=lambda item: (not item.needs_attention, item.lines[0]))
    return Layer(
        notice=notice,
        release={
            "dataset": release.dataset,
            "label": FeeDataset(release.dataset).label,
            "version": release.version,
            "effective_from": release.effective_from,
        },
        findings=findings,
    )


def _rvu_row(release: FeeRelease, line: ClaimLine) -> RelativeValue | None:
    """The row for the line's 26, TC or 53 modifier if the file has one, else
    the code's global row (the status is the code's, whatever the modifier)."""
    for modifier in line.modifiers:
        if modifier in RVU_ROW_MODIFIERS:
            row = fee_selectors.relative_value_get(release=release, code=line.code, modifier=modifier)
            if row:
                return row
    row = fee_selectors.relative_value_get(release=release, code=line.code)
    if row is None:
        modifiers = fee_selectors.relative_value_modifiers(release=release, code=line.code)
        if modifiers:
            row = fee_selectors.relative_value_get(release=release, code=line.code, modifier=modifiers[0])
    return row


def _fee_status_finding(
    code: str,
    row: RelativeValue | None,
    lines: list[ClaimLine],
    release: FeeRelease,
    day: datetime.date,
    locality: str | None,
) -> FeeStatusFinding:
    numbers = [line.number for line in lines]
    modifier = row.modifier if row else ""
    source = {"dataset": release.dataset, "release": release.version, "code": code, "modifier": modifier}
    if row is None:
        return FeeStatusFinding(
            code=code,
            modifier="",
            lines=numbers,
            in_fee_schedule=False,
            status_code=None,
            status_meaning="",
            needs_attention=False,
            explanation=(
                f"{code} is not in the {release.version} physician fee schedule RVU file. That is normal for many "
                f"HCPCS Level II codes (drugs, supplies, DME, ambulance, lab), which Medicare pays under other "
                f"fee schedules; a CPT code missing from the file may be new, deleted or priced elsewhere."
            ),
            source=source,
            source_url=None,
        )
    meaning = indicators.indicator(indicators.STATUS_CODES, row.status_code).meaning
    label = f"{code}-{row.modifier}" if row.modifier else code
    explanation = f"{label} has status {row.status_code} in the {release.version} RVU file. {meaning}"
    source_url = None
    if locality:
        # The fee API prices in a locality, so it needs one; the status and
        # the RVUs are national, so any locality in force shows the row.
        source_url = _api_url(
            "api:fee_detail", code=code, modifier=row.modifier, locality=locality, date=day.isoformat()
        )
    return FeeStatusFinding(
        code=code,
        modifier=row.modifier,
        lines=numbers,
        in_fee_schedule=True,
        status_code=row.status_code,
        status_meaning=meaning,
        # Status A is paid separately under the fee schedule; every other
        # status limits or rules out payment, or sends pricing to the MAC.
        needs_attention=row.status_code != "A",
        explanation=explanation,
        source=source,
        source_url=source_url,
    )


def _any_locality(day: datetime.date) -> str | None:
    _, localities = fee_selectors.locality_list(on=day)
    first = localities.first()
    return first.key if first else None


# Shared ------------------------------------------------------------------


def _edit_release(release: EditRelease) -> dict:
    return {
        "dataset": release.dataset,
        "label": EditDataset(release.dataset).label,
        "version": release.version,
        "effective_from": release.effective_from,
    }


def _api_url(name: str, **params: str) -> str | None:
    """The API lookup of a finding's source row; None if that endpoint is not
    part of the API."""
    try:
        path = reverse(name)
    except NoReverseMatch:
        return None
    return f"{path}?{urlencode(params, safe=',-')}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
