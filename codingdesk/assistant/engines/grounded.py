"""The grounded engine (the default; no external service): answers the common
kinds of coding question from the data, through the search, notes, edits,
fees, coverage and guideline services. Each kind of question has a handler
module; the first handler that recognizes the question answers it.
"""

from __future__ import annotations

from .base import Answer, AnswerKind, Question
from .handlers import billing, codes, coverage, guidance, scope

# Tried in this order; each is `handle(question) -> Answer | None`. Specific
# kinds (a modifier, a pair of codes, a coverage topic) come before the
# broad "code for a condition", which would otherwise claim them. A request
# to shape a record for payment is refused before any of them reads it.
HANDLERS: list = [*scope.HANDLERS, *billing.HANDLERS, *coverage.HANDLERS, *guidance.HANDLERS, *codes.HANDLERS]

NOT_UNDERSTOOD = (
    "I can answer questions about ICD-10-CM, ICD-10-PCS, HCPCS and CPT codes, their notes and conventions, "
    "modifiers, NCCI edits, MUE limits, fees, Medicare coverage and the official guidelines. "
    "Try \"What is E11.22?\", \"Code for hives\", \"Can 11042 and 97597 be billed together?\" or "
    "\"Guidelines for sepsis\"."
)


class GroundedEngine:
    name = "grounded"

    def answer(self, question: Question) -> Answer:
        for handle in HANDLERS:
            answer = handle(question)
            if answer is not None:
                return answer
        return Answer(markdown=NOT_UNDERSTOOD, kind=AnswerKind.DECLINE)
