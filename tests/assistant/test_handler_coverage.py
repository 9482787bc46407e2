import datetime

import pytest

from codingdesk.assistant.engines.base import AnswerKind, Question, SourceKind
from codingdesk.assistant.engines.handlers.coverage import HANDLERS, coverage_question, topic_of
from codingdesk.coverage.services import coverage_index_import
from tests.coverage.coverage_files import write_index

pytestmark = pytest.mark.django_db

AUGUST_2025 = datetime.date(2025, 8, 25)


def ask(text: str):
    return coverage_question(Question(text=text, as_of=AUGUST_2025))


@pytest.fixture
def coverage_index(tmp_path):
    return coverage_index_import(paths=[write_index(tmp_path / "coverage")]).release


def test_it_is_the_handler_of_the_module():
    assert HANDLERS == [coverage_question]


@pytest.mark.parametrize(
    "text",
    [
        "Is CPAP covered by Medicare?",
        "LCD for vitamin D testing",
        "Medicare coverage for knee arthroplasty",
        "what LCD covers wound care",
        "coverage article for B12 injections",
        "Does Medicare cover physical therapy?",
        "medical necessity for vitamin D assay",
    ],
)
def test_it_answers_coverage_questions(coverage_index, text):
    answer = ask(text)
    assert answer is not None and answer.kind == AnswerKind.ANSWER
    assert answer.citations


@pytest.mark.parametrize("text", ["What is E11.9?", "code for hives", "Which code covers hives?", "Modifier 25"])
def test_it_leaves_other_questions_alone(coverage_index, text):
    assert ask(text) is None


def test_the_topic_is_the_question_without_its_coverage_words():
    assert topic_of("Is CPAP covered by Medicare?") == "CPAP"
    assert topic_of("what LCD covers wound care") == "wound care"


def test_the_answer_lists_and_cites_each_document(coverage_index):
    answer = ask("Is CPAP covered by Medicare?")
    assert [citation.label for citation in answer.citations] == [
        "L33718 Positive Airway Pressure (PAP) Devices for the Treatment of Obstructive Sleep Apnea",
        "A52467 Positive Airway Pressure (PAP) Devices for the Treatment of Obstructive Sleep Apnea - Policy Article",
    ]
    assert {citation.source_kind for citation in answer.citations} == {SourceKind.COVERAGE}
    lcd_url = "https://www.cms.gov/medicare-coverage-database/view/lcd.aspx?lcdid=33718&ver=5"
    assert answer.citations[0].url == lcd_url
    assert f"- LCD [L33718]({lcd_url}) Positive Airway Pressure" in answer.markdown
    assert "CGS Administrators, LLC (DME MAC), effective 2024-01-01" in answer.markdown
    assert "contractor-specific" in answer.markdown
    assert "no covered-code lists" in answer.markdown


def test_it_shows_at_most_five_documents_in_force_first(coverage_index):
    answer = ask("LCD for sleep apnea")
    assert [citation.label[:6] for citation in answer.citations] == ["L33611", "L33718", "A52467", "L38276"]
    assert "retired 2023-12-31" in answer.markdown


def test_only_documents_matching_every_word_are_shown_when_there_are_some(coverage_index):
    answer = ask("coverage article for B12 injections")
    assert [citation.label[:6] for citation in answer.citations] == ["A52457"]


def test_no_match_asks_for_the_service(coverage_index):
    answer = ask("Is teleportation covered by Medicare?")
    assert answer.kind == AnswerKind.ASK
    assert answer.follow_up_questions and "Which service" in answer.follow_up_questions[0]
    assert not answer.citations


def test_a_question_without_a_topic_asks_for_one(coverage_index):
    assert ask("What does Medicare cover?").kind == AnswerKind.ASK


def test_ncd_questions_say_ncds_are_not_in_the_index(coverage_index):
    assert "not in the coverage index" in ask("NCD for CPAP").markdown


def test_without_an_index_it_declines_and_says_how_to_import_it():
    answer = ask("Is CPAP covered by Medicare?")
    assert answer.kind == AnswerKind.DECLINE
    assert "codingdesk import coverage" in answer.markdown


def test_lcds_lead_the_articles_equally_matched(coverage_index):
    answer = ask("LCD for vitamin D testing")
    assert [citation.label[:6] for citation in answer.citations] == ["L36692", "A57718", "A58001"]


def test_a_drug_brand_is_searched_by_the_generic_name_lcd_titles_use():
    assert topic_of("Does Medicare cover Botox injections?") == "botulinum injections"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("motorized wheelchair or scooter - covered under medicare?", "power mobility devices"),
        ("does mcr cover diabetic shoes", "therapeutic shoes diabetes"),
        ("coverage reqs for a wound vac", "reqs negative pressure wound therapy"),
    ],
)
def test_what_coders_call_an_item_is_searched_in_the_words_of_the_lcd_titles(text, topic):
    assert topic_of(text) == topic


def test_medicare_shortened_to_mcr_still_asks_about_coverage():
    from codingdesk.assistant.engines.handlers.coverage import COVERAGE_QUESTION

    assert COVERAGE_QUESTION.search("does mcr cover diabetic shoes")
