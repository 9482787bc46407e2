"""What the code-set API sends back. Field names are the API's contract:
the OpenAPI snapshot test shows any change to them in review."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")


class InputErrorOut(Schema):
    loc: list[str | int] = Field(description='Where the bad value is, e.g. ["query", "as_of"].')
    msg: str
    type: str


LICENCE_HELP = (
    "CPT only: the AMA copyright notice that goes with the descriptors, or, on a site without a CPT licence, "
    "why the descriptors are blank. Null for other code systems."
)


class BadInputOut(ErrorOut):
    errors: list[InputErrorOut] = Field(default=[], description="One entry per bad parameter, when ninja found them.")




class SourceFileOut(Schema):
    name: str
    sha256: str


class ReleaseOut(Schema):
    id: int
    system: str
    version: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    source_files: list[SourceFileOut]
    imported_at: datetime.datetime
    code_count: int
    billable_count: int


class SystemOut(Schema):
    value: str
    label: str
    description: str
    current_release: ReleaseOut | None = Field(description="The release in force today, or null if none is imported.")


class ReleaseRefOut(Schema):
    id: int
    version: str
    effective_from: datetime.date
    effective_to: datetime.date | None


class CodeRefOut(Schema):
    code: str
    title: str

    @staticmethod
    def resolve_title(code) -> str:
        return code.long_title


class CodeChildOut(CodeRefOut):
    billable: bool


class CodeSuggestionOut(CodeChildOut):
    system: str


class CodeNotFoundOut(ErrorOut):
    suggestions: list[CodeSuggestionOut] = Field(
        default=[],
        description="Valid codes near the one asked for, best first; absent if the system or release was not found.",
    )


class ReferenceOut(Schema):
    text: str = Field(description='The reference as printed in the note, e.g. "S58.-".')
    start: int = Field(description="Where the reference starts in the note's text.")
    end: int
    first: str = Field(description="First code of the reference, normalized.")
    last: str = Field(description="Last code of a range; the same as first otherwise.")
    family: bool = Field(description='True for "S58.-": the code and everything under it.')
    code: str | None = Field(description="The printed code it points to in this release, or null if none exists.")


class NoteOut(Schema):
    kind: str
    text: str
    character: str = Field(description="For a 7th-character definition, the character it defines.")
    written_under: str = Field(description="The code the note is written under: this code or an ancestor.")
    inherited: bool = Field(description="True when written under an ancestor: tabular notes apply to all codes below.")
    references: list[ReferenceOut]


class CodeDatesOut(Schema):
    added: datetime.date | None
    effective: datetime.date | None
    termination: datetime.date | None


class CodeOut(Schema):
    system: str
    code: str = Field(description="As printed, e.g. S52.531A.")
    normalized: str = Field(description="No dot, upper case, e.g. S52531A.")
    long_title: str
    short_title: str
    billable: bool
    kind: str
    parent: CodeRefOut | None
    children: list[CodeChildOut]
    notes: list[NoteOut] = Field(description="Own notes, then each ancestor's (nearest first), then 7th characters.")
    details: dict = Field(description="Format-specific facts: HCPCS pricing, PCS axes, the 7th character...")
    dates: CodeDatesOut
    release: ReleaseRefOut
    licence: str | None = Field(description=LICENCE_HELP)




class RetitledCodeOut(Schema):
    code: str
    old_title: str
    new_title: str
    billable: bool


class DiffCountsOut(Schema):
    added: int
    deleted: int
    retitled: int


class ReleaseDiffOut(Schema):
    system: str
    from_release: ReleaseRefOut
    to_release: ReleaseRefOut
    billable_only: bool
    counts: DiffCountsOut
    added: list[CodeChildOut]
    deleted: list[CodeChildOut]
    retitled: list[RetitledCodeOut]
    licence: str | None = Field(description=LICENCE_HELP)
