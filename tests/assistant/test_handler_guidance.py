import datetime

import pytest

from codingdesk.assistant.engines.base import Question, SourceKind
from codingdesk.assistant.engines.handlers.guidance import guideline_question
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 7, 15)


def ask(text):
    return guideline_question(Question(text=text, as_of=TODAY))


def test_it_answers_a_sequencing_question_from_the_guideline_and_cites_its_section():
    answer = ask("How do I sequence sepsis with septic shock?")
    assert "R65.21" in answer.markdown
    assert answer.citations[0].source_kind == SourceKind.GUIDELINE
    assert "Section I.C.1.d" in answer.citations[0].label
    assert "**Sources:**\n1. ICD-10-CM Official Guidelines" in answer.markdown


@pytest.mark.parametrize(
    "question, title_word",
    [
        ("Guidelines for E/M services by time", "time"),
        ("excision vs resection in PCS", "resection"),
        ("when to use modifier 25 with a procedure", "25"),
        ("explain column 1 column 2 and the modifier indicator", "PTP"),
    ],
)
def test_it_finds_the_entry_for_common_rule_questions(question, title_word):
    assert title_word.lower() in ask(question).markdown.split("\n")[0].lower()


def test_a_request_for_a_code_is_left_to_the_code_handlers():
    assert ask("code for sepsis") is None
    assert ask("What is E11.9?") is None


def test_codes_the_entry_names_are_checked_against_the_tables(tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    answer = ask("guidelines for diabetes type and complications")
    mentions = {mention.code: mention for mention in answer.codes}
    assert mentions, "the diabetes entry names codes"
    # The small test tabular holds E11 and E11.9 only: other codes are flagged, not passed off.
    assert all(mention.valid == (mention.code in {"E11", "E11.9"}) for mention in mentions.values())


def test_how_do_i_code_a_condition_no_guideline_is_about_is_left_to_the_code_handlers():
    assert ask("how do I code headache") is None


def test_how_do_i_code_a_guideline_topic_is_answered_from_the_guideline():
    assert "pathological" in ask("How do I code a pathological fracture?").markdown.split("\n")[0].lower()


def test_how_is_something_coded_is_a_rule_question():
    assert "sequela" in ask("How should sequela (late effects) be coded?").markdown.split("\n")[0].lower()


def test_what_a_convention_word_means_is_a_rule_question():
    assert '"with"' in ask("What does 'with' mean in the ICD-10-CM classification?").markdown.split("\n")[0]


def test_what_a_code_means_is_left_to_the_code_handlers():
    assert ask("What does E11.22 mean?") is None


@pytest.mark.parametrize("verb", ["Can", "Should"])
def test_can_i_code_a_kind_of_diagnosis_is_a_rule_question(verb):
    answer = ask(f"{verb} I code a probable diagnosis in the outpatient setting?")
    assert "uncertain" in answer.markdown.split("\n")[0].lower()


def test_can_i_code_two_codes_is_left_to_the_convention_handler():
    assert ask("Can I code R51.9 with G43.909?") is None


def test_a_should_i_code_question_no_guideline_is_about_is_not_answered_with_another_entry():
    assert ask("Should I code what the zebra documented?") is None


def test_whether_a_code_applies_is_a_rule_question():
    from codingdesk.assistant.engines.handlers.guidance import _asks_about_rules

    assert _asks_about_rules("symptoms that are integral to a confirmed dx - do I code them?")
    assert _asks_about_rules("breast ca was excised but pt is still getting chemo, history code or current cancer?")
    assert not _asks_about_rules("code for breast cancer")


def test_whether_a_kind_of_code_is_required_is_answered_from_guideline_i_c_20():
    from codingdesk.assistant.engines.handlers.guidance import _asks_about_rules

    assert _asks_about_rules("are external cause codes required?")
    answer = ask("are external cause codes required?")
    assert "External cause codes" in answer.markdown
    assert "I.C.20" in answer.markdown
    assert not _asks_about_rules("fall from ladder, initial encounter")
