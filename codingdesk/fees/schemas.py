"""What the fee-schedule API sends back. Numbers from the files (RVUs,
GPCIs, the conversion factor) and amounts in dollars are decimal strings
("90.58"), so no client reads them through a binary float."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")


class FeeReleaseRefOut(Schema):
    version: str = Field(description="2026-A for the January RVU file, 2026 for the GPCI file.")
    year: int
    effective_from: datetime.date
    effective_to: datetime.date | None


class LocalityOut(Schema):
    key: str = Field(description="<MAC>-<locality number>, as the fee lookup takes it: 10112-00.")
    mac: str = Field(description="Medicare Administrative Contractor number.")
    state: str
    locality_number: str
    name: str
    notes: list[str] = Field(description="Footnotes the GPCI file attaches to this locality (floors).")


class LocalityListOut(Schema):
    gpci_release: FeeReleaseRefOut
    localities: list[LocalityOut]


class RelativeValuesOut(Schema):
    work: str
    non_facility_pe: str
    facility_pe: str
    mp: str = Field(description="Malpractice (professional liability) RVU.")


class GpcisOut(Schema):
    work: str
    pe: str
    mp: str


class IndicatorOut(Schema):
    code: str = Field(description="The value in the RVU file; blank if the file has none.")
    meaning: str = Field(description="What CMS's RVU file documentation says it means.")


class FeeIndicatorsOut(Schema):
    status_code: IndicatorOut
    modifier: IndicatorOut
    pctc_indicator: IndicatorOut
    global_days: IndicatorOut
    mult_proc: IndicatorOut
    bilat_surg: IndicatorOut
    asst_surg: IndicatorOut
    co_surg: IndicatorOut
    team_surg: IndicatorOut
    non_facility_na: IndicatorOut
    facility_na: IndicatorOut


class FeeOut(Schema):
    code: str
    modifier: str
    date_of_service: datetime.date
    locality: LocalityOut
    rvus: RelativeValuesOut
    gpcis: GpcisOut
    conversion_factor: str
    non_facility_amount: str | None = Field(
        description="[(work RVU x work GPCI) + (non-facility PE RVU x PE GPCI) + (MP RVU x MP GPCI)] x conversion "
        "factor, rounded to cents half up; null where the file gives no amount (see payment_notes)."
    )
    facility_amount: str | None = Field(description="The same with the facility PE RVU.")
    payment_notes: list[str] = Field(description="Why an amount is null, one sentence each.")
    indicators: FeeIndicatorsOut
    rvu_release: FeeReleaseRefOut
    gpci_release: FeeReleaseRefOut
