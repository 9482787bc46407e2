"""A Medicare physician fee: a code (and modifier) priced in one locality on
a date of service, with every indicator explained.

    non-facility amount = [(work RVU x work GPCI) + (non-facility PE RVU x PE GPCI)
                           + (MP RVU x MP GPCI)] x conversion factor
    facility amount     = the same with the facility PE RVU

The products are exact Decimals (RVUs have 2 places, GPCIs 3, the
conversion factor 4); only the final amount is rounded, to cents, half up
(ROUND_HALF_UP: 10.005 -> 10.01), as a person pricing by hand would.

No amount is given where the file has none: in a setting marked NA, for a
status whose RVUs are not used for Medicare payment (CMS pays from the RVUs
of status A, R and T only), or for a row without RVUs (contractor priced).
``payment_notes`` says why, in a sentence each.

One query (selectors.fee_rows_in_force): the RVU row and the locality's
GPCIs, each joined to the release in force on the date. Only when it finds
nothing do more queries find out which data is missing, to say so.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import indicators, selectors
from .indicators import Indicator
from .models import FeeDataset, FeeRelease, Gpci, RelativeValue

CENT = Decimal("0.01")
CODE_SHAPE = re.compile(r"^[A-Z0-9]{5}$")
MODIFIER_SHAPE = re.compile(r"^([A-Z0-9]{2})?$")
LOCALITY_SHAPE = re.compile(r"^(?P<mac>\d{5})-(?P<locality>\d{2})$")
DATASET_NAMES = {
    FeeDataset.RVU: "RVU file (PPRRVU)",
    FeeDataset.GPCI: "GPCI file (Addendum E)",
}


class FeeLookupError(Exception):
    """Every lookup error carries one sentence for the person who asked."""

    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(detail)


class FeeQueryInvalid(FeeLookupError):
    """The code, modifier or locality cannot be one."""


class FeeDataMissing(FeeLookupError):
    """The question is well formed but the data to answer it is not there."""


class NoReleaseInForce(FeeDataMissing):
    def __init__(self, *, datasets: list[str], on: datetime.date):
        self.datasets = datasets
        self.on = on
        missing = " and ".join(f"no {DATASET_NAMES[dataset]}" for dataset in datasets)
        super().__init__(
            f"Cannot price a service on {on.isoformat()}: {missing} in force on that date has been imported."
        )


class UnknownLocality(FeeDataMissing):
    def __init__(self, *, locality: str, release: FeeRelease):
        self.locality = locality
        super().__init__(f"The {release.version} GPCI file has no Medicare locality {locality}.")


class CodeNotInRvuFile(FeeDataMissing):
    def __init__(self, *, code: str, modifier: str, release: FeeRelease, modifiers: list[str]):
        self.code = code
        self.modifier = modifier
        label = f"{code}-{modifier}" if modifier else code
        detail = f"The {release.version} RVU file has no row for {label}."
        if modifiers:
            listed = ", ".join(f"{code}-{other}" if other else f"{code} (no modifier)" for other in modifiers)
            detail += f" It has {listed}."
        super().__init__(detail)


@dataclass
class FeeLookupResult:
    code: str
    modifier: str
    date_of_service: datetime.date
    rvu_release: FeeRelease
    gpci_release: FeeRelease
    relative_value: RelativeValue
    locality: Gpci
    conversion_factor: Decimal
    non_facility_amount: Decimal | None
    facility_amount: Decimal | None
    payment_notes: list[str] = field(default_factory=list)
    indicators: dict[str, Indicator] = field(default_factory=dict)


def fee_lookup(*, code: str, modifier: str = "", locality: str, date_of_service: datetime.date) -> FeeLookupResult:
    """The fee for ``code`` (with ``modifier``: blank, 26, TC or 53) in
    ``locality`` ("<MAC>-<locality number>", e.g. 10112-00) on ``date_of_service``."""
    code, modifier = _code(code), _modifier(modifier)
    mac, locality_number = _locality(locality)
    found = selectors.fee_rows_in_force(
        code=code, modifier=modifier, mac=mac, locality_number=locality_number, on=date_of_service
    )
    if found is None:
        _raise_why_missing(code, modifier, f"{mac}-{locality_number}", date_of_service)
        # Everything is there now: an import committed between the two reads.
        found = selectors.fee_rows_in_force(
            code=code, modifier=modifier, mac=mac, locality_number=locality_number, on=date_of_service
        )
        if found is None:
            raise FeeDataMissing("The fee schedule files changed during the lookup (an import ran); ask again.")
    row, gpci = found
    rvu_release, gpci_release = row.release, gpci.release
    factor = rvu_release.conversion_factor
    notes = _payment_notes(row)
    paid = not notes
    non_facility = fee_amount(row.work_rvu, row.non_facility_pe_rvu, row.mp_rvu, gpci, factor)
    facility = fee_amount(row.work_rvu, row.facility_pe_rvu, row.mp_rvu, gpci, factor)
    if row.non_facility_na:
        notes.append(indicators.na_meaning(True, "non-facility"))
    if row.facility_na:
        notes.append(indicators.na_meaning(True, "facility"))
    return FeeLookupResult(
        code=code,
        modifier=modifier,
        date_of_service=date_of_service,
        rvu_release=rvu_release,
        gpci_release=gpci_release,
        relative_value=row,
        locality=gpci,
        conversion_factor=factor,
        non_facility_amount=non_facility if paid and not row.non_facility_na else None,
        facility_amount=facility if paid and not row.facility_na else None,
        payment_notes=notes,
        indicators=indicators_of(row),
    )


def _raise_why_missing(code: str, modifier: str, locality: str, on: datetime.date) -> None:
    """The lookup found no RVU row or no locality: raise the error that says
    which data is missing. Returns if nothing is (any more)."""
    rvu_release = selectors.fee_release_in_force(dataset=FeeDataset.RVU, on=on)
    gpci_release = selectors.fee_release_in_force(dataset=FeeDataset.GPCI, on=on)
    in_force = ((FeeDataset.RVU, rvu_release), (FeeDataset.GPCI, gpci_release))
    missing = [dataset for dataset, release in in_force if release is None]
    if missing:
        raise NoReleaseInForce(datasets=missing, on=on)
    if selectors.relative_value_get(release=rvu_release, code=code, modifier=modifier) is None:
        modifiers = selectors.relative_value_modifiers(release=rvu_release, code=code)
        raise CodeNotInRvuFile(code=code, modifier=modifier, release=rvu_release, modifiers=modifiers)
    mac, locality_number = locality.split("-")
    if selectors.gpci_get(release=gpci_release, mac=mac, locality_number=locality_number) is None:
        raise UnknownLocality(locality=locality, release=gpci_release)


def fee_amount(work_rvu: Decimal, pe_rvu: Decimal, mp_rvu: Decimal, gpci: Gpci, conversion_factor: Decimal) -> Decimal:
    """[(work RVU x work GPCI) + (PE RVU x PE GPCI) + (MP RVU x MP GPCI)] x CF, in
    cents: exact until the one rounding (at most 9 decimal places, far inside
    Decimal's 28 digits)."""
    exact = (work_rvu * gpci.work_gpci + pe_rvu * gpci.pe_gpci + mp_rvu * gpci.mp_gpci) * conversion_factor
    return exact.quantize(CENT, rounding=ROUND_HALF_UP)


def indicators_of(row: RelativeValue) -> dict[str, Indicator]:
    return {
        "status_code": indicators.indicator(indicators.STATUS_CODES, row.status_code),
        "modifier": indicators.indicator(indicators.MODIFIERS, row.modifier),
        "pctc_indicator": indicators.indicator(indicators.PCTC_INDICATORS, row.pctc_indicator),
        "global_days": indicators.indicator(indicators.GLOBAL_DAYS, row.global_days),
        "mult_proc": indicators.indicator(indicators.MULT_PROC, row.mult_proc),
        "bilat_surg": indicators.indicator(indicators.BILAT_SURG, row.bilat_surg),
        "asst_surg": indicators.indicator(indicators.ASST_SURG, row.asst_surg),
        "co_surg": indicators.indicator(indicators.CO_SURG, row.co_surg),
        "team_surg": indicators.indicator(indicators.TEAM_SURG, row.team_surg),
        "non_facility_na": _na(row.non_facility_na, "non-facility"),
        "facility_na": _na(row.facility_na, "facility"),
    }


def _na(not_available: bool, setting: str) -> Indicator:
    return Indicator("NA" if not_available else "", indicators.na_meaning(not_available, setting))


def _payment_notes(row: RelativeValue) -> list[str]:
    """Why the row gives no amount in any setting, if it gives none."""
    if row.status_code not in indicators.PAID_STATUS_CODES:
        return [
            f"Status {row.status_code}: CMS uses the RVUs of status A, R and T codes only for Medicare payment, "
            "so no fee schedule amount is given."
        ]
    if not (row.work_rvu or row.non_facility_pe_rvu or row.facility_pe_rvu or row.mp_rvu):
        return ["The RVU file gives this row no RVUs: the MAC prices the service, so no fee schedule amount is given."]
    return []


def _code(code: str) -> str:
    normalized = code.strip().upper()
    if not CODE_SHAPE.match(normalized):
        raise FeeQueryInvalid(
            f"{code.strip()[:20]!r} is not a HCPCS or CPT code: write 5 letters or digits, e.g. 99213 or G0101."
        )
    return normalized


def _modifier(modifier: str) -> str:
    normalized = modifier.strip().upper()
    if not MODIFIER_SHAPE.match(normalized):
        raise FeeQueryInvalid(
            f"{modifier.strip()[:20]!r} is not a modifier: leave it blank or write 2 characters, e.g. 26 or TC."
        )
    return normalized


def _locality(locality: str) -> tuple[str, str]:
    match = LOCALITY_SHAPE.match(locality.strip())
    if not match:
        raise FeeQueryInvalid(
            f"{locality.strip()[:20]!r} is not a Medicare locality: write <MAC>-<locality number>, e.g. 10112-00."
        )
    return match["mac"], match["locality"]
