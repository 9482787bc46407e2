"""What the jobs API reads and sends back. Field names are the API's contract."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")


class JobFields(Schema):
    """Every field an employer sets, all optional: PATCH sends only what changes."""

    title: str | None = Field(None, max_length=200)
    description: str | None = Field(None, description="Markdown. Raw HTML is removed when shown.")
    location_type: str | None = Field(None, description="remote, onsite or hybrid.")
    city: str | None = Field(None, description="Required for onsite and hybrid jobs.")
    state: str | None = Field(None, description="Two-letter US state code; required for onsite and hybrid jobs.")
    remote_states: list[str] | None = Field(
        None, description="Remote jobs only: the states candidates may live in. Empty: anywhere in the US."
    )
    employment_type: str | None = Field(None, description="full_time, part_time, contract or per_diem.")
    credentials: list[str] | None = Field(None, description="Required credentials, e.g. [\"CPC\", \"CCS\"].")
    preferred_credentials: list[str] | None = Field(None, description="Credentials preferred but not required.")
    specialties: list[str] | None = Field(
        None,
        description="em, surgery, radiology, emergency, anesthesia, risk_adjustment, inpatient_drg, "
        "outpatient_facility, pro_fee, auditing, cdi.",
    )
    experience_level: str | None = Field(None, description="entry, mid, senior or lead.")
    apprentices_welcome: bool | None = Field(None, description="Holders of an AAPC apprentice credential (CPC-A, COC-A, CIC-A, ...) may apply.")
    pay_min: Decimal | None = Field(None, description="Lowest pay offered; required (pay transparency).")
    pay_max: Decimal | None = Field(None, description="Highest pay offered.")
    pay_period: str | None = Field(None, description="hour or year.")
    apply_url: str | None = Field(None, description="An external page to apply on. Left out: apply on CodingDesk.")


class JobIn(JobFields):
    title: str = Field(max_length=200)
    description: str
    location_type: str
    employment_type: str
    experience_level: str
    pay_min: Decimal
    pay_max: Decimal
    pay_period: str
    submit: bool = Field(True, description="Submit for publication at once; false keeps a draft.")


class JobPatchIn(JobFields):
    status: str | None = Field(None, description="\"submitted\" submits a draft; \"closed\" closes the posting.")


class JobCreatedOut(Schema):
    id: int
    status: str = Field(description="draft, submitted (awaiting staff review), published, expired or closed.")
    url: str = Field(description="The job's page (live once published).")


class EmployerOut(Schema):
    name: str
    website: str


class JobOut(Schema):
    id: int
    url: str
    title: str
    employer: EmployerOut
    status: str
    description: str = Field(description="Markdown as the employer wrote it.")
    description_html: str = Field(description="The description as sanitized HTML.")
    location_type: str
    location: str = Field(description="For people, e.g. \"Remote (TX, OK)\" or \"Hybrid, Austin, TX\".")
    city: str
    state: str
    remote_states: list[str]
    employment_type: str
    credentials: list[str]
    preferred_credentials: list[str]
    specialties: list[str]
    experience_level: str
    apprentices_welcome: bool
    pay_min: float
    pay_max: float
    pay_period: str
    apply_url: str | None = Field(description="Null: apply on CodingDesk, at url.")
    published_at: datetime.datetime | None
    expires_at: datetime.datetime | None


class JobListOut(Schema):
    results: list[JobOut]
    count: int = Field(description="Matches in all, across pages.")
