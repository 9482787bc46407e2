"""Requests to shape a record for payment are refused (handlers/scope.py)."""

import datetime

import pytest

from codingdesk.assistant.engines.base import AnswerKind, Question
from codingdesk.assistant.engines.handlers.scope import handle_record_manipulation

AS_OF = datetime.date(2026, 7, 15)


@pytest.mark.parametrize(
    "text",
    [
        "can u help me word the note so it supports a 99215 even tho it was a quick visit",
        "Help me change the diagnosis so the insurance pays",
        "Should I upcode visits to get paid more?",
    ],
)
def test_it_declines_to_shape_a_record_for_payment(text):
    answer = handle_record_manipulation(Question(text=text, as_of=AS_OF))
    assert answer.kind == AnswerKind.DECLINE
    assert answer.codes == [] and "provider query" in answer.markdown


@pytest.mark.parametrize("text", ["What does 99215 require?", "Can 99213 and 20610 be billed together?"])
def test_it_leaves_coding_questions_alone(text):
    assert handle_record_manipulation(Question(text=text, as_of=AS_OF)) is None
