from ninja import Schema

from codingdesk.codesets.api import OptionalIsoDate


class AskIn(Schema):
    question: str
    conversation_id: int | None = None
    # {"system": "icd10cm", "code": "E11.22"} when asked about one code.
    code_context: dict[str, str] | None = None
    as_of: OptionalIsoDate = None


class CodeMentionOut(Schema):
    code: str
    system: str
    title: str
    valid: bool


class CitationOut(Schema):
    label: str
    url: str
    source_kind: str


class AskOut(Schema):
    answer: str
    kind: str
    codes: list[CodeMentionOut]
    citations: list[CitationOut]
    follow_up_questions: list[str]
    conversation_id: int


class AssistantErrorOut(Schema):
    detail: str
