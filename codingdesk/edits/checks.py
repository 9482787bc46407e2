"""Checks a claim's codes against the NCCI edits in force on its date of
service: PTP code pairs (with modifier bypass) and MUE unit limits.

Read-only: these call selectors and apply the NCCI rules. Both raise
``selectors.EditReleaseNotLoaded`` when no release covers the date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .models import EditDataset, EditRelease, ModifierIndicator, PtpEdit
from .selectors import edit_release_in_force, mue_limit_get, ptp_edits_between

PTP_DATASETS = {"practitioner": EditDataset.PTP_PRACTITIONER, "hospital": EditDataset.PTP_HOSPITAL}
MUE_DATASETS = {
    "practitioner": EditDataset.MUE_PRACTITIONER,
    "hospital": EditDataset.MUE_HOSPITAL,
    "dme": EditDataset.MUE_DME,
}

# NCCI-associated modifiers (NCCI Policy Manual for Medicare Services,
# chapter I, section E): on either line of a pair whose modifier indicator
# is 1, they let both codes be paid.
NCCI_MODIFIERS = frozenset({"59", "XE", "XS", "XP", "XU", "24", "25", "57", "58", "78", "79", "27", "91"})
# Anatomic modifiers say the two services were at different sites, so the
# same one on both lines (RT and RT) says the opposite and bypasses nothing.
ANATOMIC_MODIFIERS = frozenset(
    {"LT", "RT", "E1", "E2", "E3", "E4", "FA", "TA", "LC", "LD", "LM", "RC", "RI"}
    | {f"F{digit}" for digit in range(1, 10)}
    | {f"T{digit}" for digit in range(1, 10)}
)


@dataclass(frozen=True)
class ClaimCode:
    """One claim line: a CPT/HCPCS code and its modifiers, e.g. 97597-59."""

    code: str
    modifiers: tuple[str, ...] = ()


@dataclass
class PtpFinding:
    """An edit that fires between two lines of the claim."""

    column1: str
    column2: str
    column1_modifiers: tuple[str, ...]
    column2_modifiers: tuple[str, ...]
    modifier_indicator: str
    rationale: str
    effective: datetime.date
    deletion: datetime.date | None
    bypassed: bool
    # The modifier that bypassed the edit, and on which column's line it was.
    bypassed_by: str | None
    bypassed_on: str | None


@dataclass
class PtpResult:
    release: EditRelease
    findings: list[PtpFinding]


@dataclass
class MueFinding:
    release: EditRelease
    code: str
    units: int
    mue: int | None
    mai: str | None
    mai_meaning: str
    exceeds: bool
    rationale: str


def ptp_check(*, lines: list[ClaimCode], date_of_service: datetime.date, setting: str) -> PtpResult:
    """Every PTP edit in force on the date of service between two lines of
    the claim, in either order, each with whether a modifier bypasses it."""
    release = edit_release_in_force(dataset=_dataset(PTP_DATASETS, setting), date_of_service=date_of_service)
    lines = [
        ClaimCode(code=line.code.strip().upper(), modifiers=tuple(modifier.strip().upper() for modifier in line.modifiers))
        for line in lines
    ]
    edits = ptp_edits_between(release=release, codes={line.code for line in lines})
    findings: dict[tuple, PtpFinding] = {}
    for edit in edits:
        if not _fires(edit, date_of_service):
            continue
        for first_index, first in enumerate(lines):
            for second_index, second in enumerate(lines):
                if first_index == second_index or (first.code, second.code) != (edit.column1, edit.column2):
                    continue
                # Two identical lines give the same finding once.
                findings.setdefault((edit.id, first.modifiers, second.modifiers), _finding(edit, first, second))
    return PtpResult(release=release, findings=list(findings.values()))


def mue_check(*, code: str, units: int, date_of_service: datetime.date, setting: str) -> MueFinding:
    """The code's MUE in force on the date of service against ``units``: for
    a claim line edit (MAI 1) the units on one line, for a date of service
    edit (MAI 2 or 3) the units of every line with the code on that date."""
    dataset = _dataset(MUE_DATASETS, setting)
    release = edit_release_in_force(dataset=dataset, date_of_service=date_of_service)
    code = code.strip().upper()
    limit = mue_limit_get(release=release, code=code)
    if limit is None:
        meaning = (
            f"No MUE is published for {code} in the {EditDataset(dataset).label} release in force on "
            f"{date_of_service.isoformat()}, so no MUE limits its units."
        )
        return MueFinding(release, code, units, mue=None, mai=None, mai_meaning=meaning, exceeds=False, rationale="")
    exceeds = units > limit.mue
    return MueFinding(
        release,
        code,
        units,
        mue=limit.mue,
        mai=limit.mai,
        mai_meaning=_mai_meaning(code, units, limit.mue, limit.mai, exceeds),
        exceeds=exceeds,
        rationale=limit.rationale,
    )


def _dataset(datasets: dict[str, str], setting: str) -> str:
    try:
        return datasets[setting]
    except KeyError:
        raise ValueError(f"{setting!r} is not a setting; choose one of {', '.join(datasets)}") from None


def _fires(edit: PtpEdit, date_of_service: datetime.date) -> bool:
    # Indicator 9 ("not applicable") marks an edit CMS deleted retroactively:
    # its deletion date is its effective date and it never applied. It is
    # left out, not shown as information: listed beside real edits it would
    # lead a coder to add a modifier or drop a line for nothing.
    if edit.modifier_indicator == ModifierIndicator.NOT_APPLICABLE:
        return False
    if edit.effective > date_of_service:
        return False
    # The deletion date is the first date of service the edit no longer applies to.
    return edit.deletion is None or edit.deletion > date_of_service


def _finding(edit: PtpEdit, column1: ClaimCode, column2: ClaimCode) -> PtpFinding:
    bypass = _bypass(edit, column1, column2)
    return PtpFinding(
        column1=edit.column1,
        column2=edit.column2,
        column1_modifiers=column1.modifiers,
        column2_modifiers=column2.modifiers,
        modifier_indicator=edit.modifier_indicator,
        rationale=edit.rationale.text,
        effective=edit.effective,
        deletion=edit.deletion,
        bypassed=bypass is not None,
        bypassed_by=bypass[0] if bypass else None,
        bypassed_on=bypass[1] if bypass else None,
    )


def _bypass(edit: PtpEdit, column1: ClaimCode, column2: ClaimCode) -> tuple[str, str] | None:
    """(modifier, "column2" or "column1") when an NCCI-associated modifier
    bypasses the edit. Only indicator 1 allows it. NCCI policy puts the
    modifier on the column 2 code, so that line is looked at first; one on
    the column 1 line is accepted as the edit software does."""
    if edit.modifier_indicator != ModifierIndicator.ALLOWED:
        return None
    for line, other, column in ((column2, column1, "column2"), (column1, column2, "column1")):
        for modifier in line.modifiers:
            if modifier in NCCI_MODIFIERS:
                return modifier, column
            if modifier in ANATOMIC_MODIFIERS and modifier not in other.modifiers:
                return modifier, column
    return None


def _mai_meaning(code: str, units: int, mue: int, mai: str, exceeds: bool) -> str:
    if mai == "1":
        if exceeds:
            return (
                f"{_units(units)} {_verb(units, 'exceeds', 'exceed')} the MUE of {mue} for {code}. MAI 1 is a claim line edit: the whole line "
                f"is denied. If more units were really given (at separate sessions or sites), report them on "
                f"separate lines with a fitting modifier (such as 76, 77, 91, 59, XE/XS/XP/XU or an anatomic one)."
            )
        return (
            f"{_units(units)} {_verb(units, 'is', 'are')} within the MUE of {mue} for {code}. MAI 1 is a claim line edit: each line is "
            f"checked on its own."
        )
    if mai == "2":
        if exceeds:
            return (
                f"{_units(units)} {_verb(units, 'exceeds', 'exceed')} the MUE of {mue} for {code} on one date of service. MAI 2 is a date of "
                f"service edit set by policy: all units of the code on that date are denied, and units above "
                f"{mue} cannot be paid, not even on appeal."
            )
        return (
            f"{_units(units)} {_verb(units, 'is', 'are')} within the MUE of {mue} for {code}. MAI 2 counts every line of the code on the "
            f"date of service together; the limit is set by policy and is absolute, even on appeal."
        )
    if exceeds:
        return (
            f"{_units(units)} {_verb(units, 'exceeds', 'exceed')} the MUE of {mue} for {code} on one date of service. MAI 3 is a clinical date "
            f"of service edit: the units are denied, but units above {mue} may be paid on appeal with "
            f"documentation that they were medically necessary."
        )
    return (
        f"{_units(units)} {_verb(units, 'is', 'are')} within the MUE of {mue} for {code}. MAI 3 counts every line of the code on the date "
        f"of service together; units above it are denied but may be paid on appeal with documentation."
    )


def _units(units: int) -> str:
    return "1 unit" if units == 1 else f"{units:,} units"


def _verb(units: int, singular: str, plural: str) -> str:
    return singular if units == 1 else plural
