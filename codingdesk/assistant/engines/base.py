"""What every assistant engine takes and gives back.

An engine answers one ``Question`` with one ``Answer``: Markdown text, the
codes it names (each verified against the code tables as of the date of
service), the sources of its claims, and follow-up questions when detail is
missing. The grounded engine builds answers from the data; the LLM engine
phrases them from the same tools and passes the same verification.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Protocol


class SourceKind:
    """Where a claim comes from; shown in the numbered **Sources** list."""

    CODE_PAGE = "code_page"
    TABULAR_NOTE = "tabular_note"
    GUIDELINE = "guideline"
    MODIFIER_GUIDE = "modifier_guide"
    NCCI_EDIT = "ncci_edit"
    MUE = "mue"
    FEE_SCHEDULE = "fee_schedule"
    COVERAGE = "coverage"
    RELEASE_DIFF = "release_diff"
    SEARCH = "search"


class AnswerKind:
    ANSWER = "answer"  # a grounded answer
    ASK = "ask"  # detail is missing: follow-up questions before a code is given
    DECLINE = "decline"  # outside what the data can answer


@dataclass(frozen=True)
class Citation:
    label: str
    url: str
    source_kind: str


@dataclass(frozen=True)
class CodeMention:
    code: str
    system: str
    title: str
    valid: bool


@dataclass(frozen=True)
class Question:
    text: str
    as_of: datetime.date
    # ("icd10cm", "E11.22") when asked from a code page's panel.
    code_context: tuple[str, str] | None = None
    # Earlier turns of the conversation, oldest first: (role, text).
    history: tuple[tuple[str, str], ...] = ()


@dataclass
class Answer:
    markdown: str
    kind: str = AnswerKind.ANSWER
    codes: list[CodeMention] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    follow_up_questions: list[str] = field(default_factory=list)


class Engine(Protocol):
    name: str

    def answer(self, question: Question) -> Answer: ...
