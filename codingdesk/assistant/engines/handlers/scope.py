"""Requests the assistant refuses before any handler reads codes out of them:
changing or wording a record so that a claim pays more, or choosing codes the
record does not support. The answer names a code only when the record
supports it (ICD-10-CM guideline I.A.19 and III/IV: code assignment rests on
the provider's documentation), so "help me word the note so it supports a
99215" gets no code facts to lean on."""

from __future__ import annotations

import re

from ..base import Answer, AnswerKind, Question

RECORD_MANIPULATION = re.compile(
    r"\b(upcod\w*|word (?:the|my|this) (?:note|documentation|chart)|(?:change|alter|tweak|edit) the "
    r"(?:diagnosis|dx|note|documentation|record)\b.*\b(?:pay|paid|reimburs\w*|cover\w*)|"
    r"so (?:the |that )?(?:insurance|payer|medicare) (?:pays|will pay|covers)|get paid more|"
    r"supports? (?:a |the )?(?:higher|\d{5})\b.*\b(?:even (?:though|tho)|but)\b)",
    re.I,
)
DECLINED = (
    "I can't help with that: codes and levels follow what the provider documented, and a record is never worded "
    "or changed to reach a code or a payment. If the documentation seems incomplete, the compliant route is a "
    "provider query. I can explain what a code or level requires, or what the guidelines say."
)


def handle_record_manipulation(question: Question) -> Answer | None:
    if RECORD_MANIPULATION.search(question.text) is None:
        return None
    return Answer(markdown=DECLINED, kind=AnswerKind.DECLINE)


HANDLERS: list = [handle_record_manipulation]
