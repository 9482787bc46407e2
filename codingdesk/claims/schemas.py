"""What the claims API reads and sends back. Field names are the API's contract."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")


class ClaimLineIn(Schema):
    code: str = Field(description="CPT/HCPCS code, e.g. 99213; modifiers may follow after dashes (99213-25).")
    modifiers: list[str] = Field([], description="Up to 4 modifiers, e.g. [\"25\"].")
    units: int | str = Field(1, description="Units of service, 1 to 999.")
    pointers: list[str] = Field([], description="Up to 4 diagnosis pointers, A-L or 1-12.")


class ClaimScrubIn(Schema):
    date_of_service: str | None = Field(None, description="YYYY-MM-DD; today if left out.")
    setting: str = Field("practitioner", description="practitioner or hospital (outpatient).")
    lines: list[ClaimLineIn] | None = Field(None, description="The claim's lines, up to 50. Give lines or text.")
    text: str | None = Field(
        None,
        description="The claim's lines as pasted, one a line: CODE[-MOD...] [UNITS] [POINTERS], separated by "
        "spaces, tabs or commas, e.g. \"99213-25 1 A\".",
    )


class ClaimLineOut(Schema):
    number: int = Field(description="The line's number as given (blank pasted lines keep their numbers).")
    code: str
    modifiers: list[str]
    units: int
    pointers: list[str] = Field(description="Diagnosis pointers as letters A-L.")
    note: str = Field(description="Set when the line could be read two ways: which reading was taken.")


class ScrubReleaseOut(Schema):
    dataset: str
    label: str = Field(description='The dataset\'s name, e.g. "NCCI PTP edits, practitioner".')
    version: str
    effective_from: datetime.date


class PtpFindingOut(Schema):
    column1: str
    column2: str
    column1_line: int
    column2_line: int
    column1_modifiers: list[str]
    column2_modifiers: list[str]
    modifier_indicator: str = Field(description="0: no modifier allowed; 1: an NCCI-associated modifier allowed.")
    rationale: str
    effective: datetime.date
    deletion: datetime.date | None
    bypassed: bool = Field(description="True when a modifier on the claim lets both codes be paid.")
    bypassed_by: str | None
    bypassed_on: str | None = Field(description='"column2" or "column1": whose line carries that modifier.')
    needs_attention: bool = Field(description="True when the edit denies the column 2 code as billed.")
    explanation: str
    source: dict[str, str] = Field(description="The source row: dataset, release and the two codes.")
    source_url: str | None = Field(description="The API lookup that shows the source row.")


class MueFindingOut(Schema):
    code: str
    lines: list[int] = Field(description="The lines counted: one for MAI 1, every line of the code for MAI 2 and 3.")
    units: int
    mue: int | None = Field(description="Most units allowed; null when no MUE is published for the code.")
    mai: str | None = Field(
        description="MUE adjudication indicator: 1 claim line, 2 date of service (policy), "
        "3 date of service (clinical)."
    )
    exceeds: bool
    rationale: str
    needs_attention: bool
    explanation: str
    source: dict[str, str]
    source_url: str | None


class FeeStatusFindingOut(Schema):
    code: str
    modifier: str = Field(description="The RVU row's modifier: blank (global), 26, TC or 53.")
    lines: list[int]
    in_fee_schedule: bool = Field(description="False when the RVU file has no row for the code.")
    status_code: str | None
    status_meaning: str
    needs_attention: bool = Field(description="True for every status but A.")
    explanation: str
    source: dict[str, str]
    source_url: str | None


class PtpLayerOut(Schema):
    notice: str | None = Field(description="Set when the layer could not be checked (no data for the date).")
    release: ScrubReleaseOut | None
    findings: list[PtpFindingOut]


class MueLayerOut(Schema):
    notice: str | None
    release: ScrubReleaseOut | None
    findings: list[MueFindingOut]


class FeeStatusLayerOut(Schema):
    notice: str | None
    release: ScrubReleaseOut | None
    findings: list[FeeStatusFindingOut]


class ClaimLayersOut(Schema):
    ptp: PtpLayerOut
    mue: MueLayerOut
    fee_status: FeeStatusLayerOut


class ClaimScrubOut(Schema):
    date_of_service: datetime.date
    setting: str
    lines: list[ClaimLineOut]
    layers: ClaimLayersOut
