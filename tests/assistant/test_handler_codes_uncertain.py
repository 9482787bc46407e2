"""Uncertain diagnoses in a code question (handlers/codes/uncertain.py)."""

from codingdesk.assistant.engines.base import Answer
from codingdesk.assistant.engines.handlers.codes.uncertain import add_uncertain_note, split_uncertain


def test_the_condition_after_rule_out_is_split_from_what_is_certain():
    assert split_uncertain("chest pain, rule out MI") == ("chest pain", "MI")
    assert split_uncertain("cough, probable pneumonia") == ("cough", "pneumonia")


def test_a_query_without_an_uncertain_condition_is_kept_whole():
    assert split_uncertain("acute diastolic heart failure") == ("acute diastolic heart failure", "")
    assert split_uncertain("probable pneumonia") == ("probable pneumonia", "")


def test_the_note_gives_the_outpatient_and_inpatient_rules_with_their_sources():
    answer = add_uncertain_note(Answer(markdown="R07.9"), "MI")
    assert "do not code it" in answer.markdown and "as if it existed" in answer.markdown
    labels = " | ".join(citation.label for citation in answer.citations)
    assert "Section IV.H" in labels and "Section II.H" in labels
