import datetime

import pytest

from codingdesk.coverage.selectors import coverage_release_current, coverage_search, title_words
from codingdesk.coverage.services import coverage_index_import

from .coverage_files import DOCUMENTS, document_row, index_text, write_index

pytestmark = pytest.mark.django_db

AUGUST_2025 = datetime.date(2025, 8, 25)


def ids(query: str, **options) -> list[str]:
    return [document.document_id for document in coverage_search(query=query, as_of=AUGUST_2025, **options)]


def test_titles_are_compared_without_case_punctuation_or_plurals():
    assert title_words("Injections, Therapies (PAP) Devices") == ["injection", "therapy", "pap", "device"]
    assert title_words("Indications, Non-Wound") == ["indication", "nonwound"]


def test_documents_in_force_come_before_retired_ones(coverage_release):
    # Hypoglossal sorts first by title but was retired at the end of 2023.
    assert ids("sleep apnea") == ["L33611", "L33718", "A52467", "L38276"]


def test_on_an_earlier_date_the_document_then_in_force_comes_first(coverage_release):
    found = coverage_search(query="obstructive sleep apnea", as_of=datetime.date(2023, 6, 1))
    assert found[0].document_id == "L38276"


def test_titles_holding_every_word_rank_above_those_holding_some(coverage_release):
    found = coverage_search(query="vitamin d assay", as_of=AUGUST_2025)
    assert [document.document_id for document in found] == ["A57718", "L36692", "A58001", "A52457"]
    assert [(document.search_matched, document.search_terms) for document in found][-2:] == [(3, 3), (1, 3)]


def test_responses_to_comments_come_after_the_policies(coverage_release):
    assert ids("vitamin D testing")[:3] == ["A57718", "L36692", "A58001"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("CPAP", ["L33718", "A52467"]),
        ("knee replacement", ["L33831"]),
        ("wound care", ["L38902"]),  # the Non-Wound article is left out
        ("PT", ["L34049"]),
        ("B12 shots", ["A52457"]),
        ("MRI", ["A56743"]),
    ],
)
def test_synonyms_reach_the_words_titles_use(coverage_release, query, expected):
    assert ids(query) == expected


def test_one_version_per_document_the_one_in_force(coverage_release):
    (wound,) = coverage_search(query="wound care", as_of=AUGUST_2025)
    assert wound.version == 4


def test_kind_and_limit_narrow_the_results(coverage_release):
    assert ids("sleep apnea", kind="article") == ["A52467"]
    assert ids("sleep apnea", limit=2) == ["L33611", "L33718"]


def test_nothing_matches_unknown_words_or_an_empty_index(db):
    assert coverage_search(query="sleep apnea") == []


def test_unknown_words_match_nothing(coverage_release):
    assert ids("teleportation") == []
    assert ids("the of for") == []


def test_the_current_release_is_the_newest_index(coverage_release, tmp_path):
    older_text = index_text([document_row(*DOCUMENTS[0])])
    older = write_index(tmp_path / "older", older_text, name="mcd_lcd_article_documents_2025-05-01.csv")
    coverage_index_import(paths=[older])
    assert coverage_release_current() == coverage_release
