"""What the edits API sends back. Field names are the API's contract."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")


class EditReleaseOut(Schema):
    dataset: str
    version: str = Field(description='NCCI version ("32.2") or MUE effective date ("2026-07-01").')
    effective_from: datetime.date
    effective_to: datetime.date | None


class PtpEditOut(Schema):
    column1: str
    column2: str
    column1_modifiers: list[str] = Field(description="Modifiers on the claim line of the column 1 code.")
    column2_modifiers: list[str] = Field(description="Modifiers on the claim line of the column 2 code.")
    modifier_indicator: str = Field(description="0: no modifier allowed; 1: an NCCI-associated modifier allowed.")
    effective: datetime.date
    deletion: datetime.date | None
    rationale: str
    bypassed: bool = Field(description="True when a modifier on the claim lets both codes be paid.")
    bypassed_by: str | None = Field(description="The modifier that bypassed the edit.")
    bypassed_on: str | None = Field(description='"column2" or "column1": whose line carries that modifier.')


class PtpCheckOut(Schema):
    date_of_service: datetime.date
    setting: str
    release: EditReleaseOut
    edits: list[PtpEditOut] = Field(
        description="Edits in force on the date between two of the codes. Edits deleted by then, not yet in "
        "force, or with modifier indicator 9 (deleted retroactively) are left out."
    )


class MueCheckOut(Schema):
    code: str
    units: int
    date_of_service: datetime.date
    setting: str
    release: EditReleaseOut
    mue: int | None = Field(description="Most units allowed; null when no MUE is published for the code.")
    mai: str | None = Field(
        description="MUE adjudication indicator: 1 claim line, 2 date of service (policy), 3 date of service (clinical)."
    )
    mai_meaning: str = Field(description="What the MUE means for these units, in plain English.")
    exceeds: bool
    rationale: str
