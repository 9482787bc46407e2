import datetime

import pytest

from codingdesk import search

from .conftest import codes


def test_it_finds_a_code_by_its_title(indexed_sample):
    assert codes("type 2 diabetes mellitus without complications")[0] == "E11.9"


def test_it_prefers_a_billable_code_to_its_header(indexed_sample):
    assert codes("type 2 diabetes mellitus")[0] == "E11.9"


def test_it_matches_inclusion_terms_and_says_so(indexed_sample):
    (top, *_) = search.search("atlanto-axial sprain").results
    assert top.code == "S13.4XXA"
    assert "inclusion term: Sprain of atlanto-axial (joints)" in top.matched


def test_it_rewrites_an_eponym_and_says_so(indexed_sample):
    (top, *_) = search.search("whiplash").results
    assert top.code == "S13.4XXA"
    assert "whiplash → sprain of ligaments of cervical spine (eponym)" in top.matched


def test_it_expands_an_abbreviation_and_says_so(indexed_sample):
    (top, *_) = search.search("T2DM").results
    assert top.code == "E11.9"
    assert "T2DM = type 2 diabetes mellitus (abbreviation)" in top.matched


def test_a_diagnosis_search_leaves_surgical_words_alone(indexed_sample):
    from codingdesk.search._query import analyze

    assert analyze("cholecystectomy", None, "icd10cm").search_words == ["cholecystectomy"]
    assert analyze("cholecystectomy", None, None).search_words == ["resection", "gallbladder"]


def test_without_an_encounter_it_completes_the_code_for_the_initial_encounter(indexed_sample):
    assert codes("sprain of ligaments of cervical spine")[0] == "S13.4XXA"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("cervical spine sprain, subsequent encounter", "S13.4XXD"),
        ("cervical spine sprain sequela", "S13.4XXS"),
        ("cervical spine sprain, initial encounter", "S13.4XXA"),
    ],
)
def test_the_encounter_named_picks_the_7th_character(indexed_sample, query, expected):
    assert codes(query)[0] == expected


def test_an_underspecified_query_lands_on_the_unspecified_code(indexed_sample):
    assert codes("traumatic hemorrhage of cerebrum")[0] == "S06.369A"


def test_it_corrects_misspellings_and_says_so(indexed_sample):
    (top, *_) = search.search("diabetis melitus type 2").results
    assert top.code == "E11.9"
    assert "spelling: diabetis → diabetes" in top.matched


@pytest.mark.parametrize("typed", ["E119", "e11.9", "E11.9 "])
def test_a_code_in_any_form_finds_itself(indexed_sample, typed):
    response = search.search(typed)
    assert response.results[0].code == "E11.9"
    assert response.results[0].matched == ["code"]


def test_a_code_without_its_7th_character_lists_the_completions(indexed_sample):
    assert codes("S13.4") == ["S13.4", "S13.4XXA", "S13.4XXD", "S13.4XXS"]


def test_a_prefix_lists_the_family(indexed_sample):
    assert codes("E11.") == ["E11", "E11.9"]


def test_a_code_missing_its_placeholder_suggests_the_valid_one(indexed_sample):
    assert codes("S13.4A")[0] == "S13.4XXA"


@pytest.mark.parametrize(
    "query",
    ["", "   ", "糖尿病", 'diabetes "type 2" AND title:(x) * ~ ^2 [E11 TO E12]', "x" * 10_240, "\x00\x01", "-- ; DROP"],
)
def test_odd_input_is_searched_as_text_without_error(indexed_sample, query):
    search.search(query)


def test_an_over_long_query_is_refused_with_a_clear_message(indexed_sample):
    with pytest.raises(search.QueryTooLong, match="at most 10,240 characters"):
        search.search("x" * 10_241)


def test_filters_by_system_billable_and_date(indexed_sample):
    assert codes("diabetes", system="icd10pcs") == []
    assert all(result.billable for result in search.search("diabetes", billable_only=True).results)
    assert codes("diabetes", as_of=datetime.date(2025, 1, 1)) == []
    assert codes("diabetes", as_of=datetime.date(2026, 5, 1))


def test_the_index_is_rebuilt_only_when_the_releases_change(indexed_sample, tmp_path):
    assert search.index_is_current()
    assert search.index_update_if_needed() is None
    indexed_sample.delete()
    assert not search.index_is_current()
    assert search.index_update_if_needed() == 0
    assert codes("diabetes") == []


def test_unspecified_and_without_beat_other_and_with(db, tmp_path):
    """A ranking rule checked on a tabular of our own: with no detail in the
    query, the coder's default is "X, unspecified without Y"."""
    from codingdesk.codesets.services import code_release_import
    from tests.codesets.icd10cm_sample import TABULAR, write_tabular

    extra = """
      <diag><name>N30</name><desc>Cystitis</desc>
        <diag><name>N30.8</name><desc>Other cystitis</desc>
          <diag><name>N30.80</name><desc>Other cystitis without hematuria</desc></diag>
          <diag><name>N30.81</name><desc>Other cystitis with hematuria</desc></diag>
        </diag>
        <diag><name>N30.9</name><desc>Cystitis, unspecified</desc>
          <diag><name>N30.90</name><desc>Cystitis, unspecified without hematuria</desc></diag>
          <diag><name>N30.91</name><desc>Cystitis, unspecified with hematuria</desc></diag>
        </diag>
      </diag>"""
    tabular = TABULAR.replace("    </section>\n  </chapter>\n  <chapter>", f"{extra}\n    </section>\n  </chapter>\n  <chapter>", 1)
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path, tabular)])
    search.index_rebuild()
    assert codes("cystitis")[0] == "N30.90"
    assert codes("cystitis with hematuria")[0] == "N30.91"
    assert codes("other cystitis")[0] == "N30.80"


def test_each_result_says_how_much_of_the_query_it_covers(indexed_sample):
    (first, *_) = search.search("type 2 diabetes mellitus with hyperglycemia and zebras").results
    assert 0 < first.coverage < 1


def test_a_pcs_code_of_another_root_operation_than_the_one_asked_steps_back():
    from codingdesk.search._ranking import _other_operation

    assert _other_operation("Inspection of Uterus and Cervix, Open Approach", {"resection", "uterus"})
    assert not _other_operation("Resection of Uterus, Open Approach", {"resection", "uterus"})
    assert not _other_operation("Inspection of Uterus and Cervix, Open Approach", {"uterus", "cervix"})


def test_a_title_naming_the_drug_itself_holds_the_drug_class_it_was_rewritten_into():
    from codingdesk.search._query import analyze
    from codingdesk.search._ranking import _with_drug_names
    from codingdesk.search._text import content_stems

    query = analyze("ondansetron injection", None)
    assert query.literal_drugs and query.literal_drugs[0][0] == "ondansetron"
    hcpcs_title = frozenset(content_stems("Injection, ondansetron hydrochloride, per 1 mg"))
    assert content_stems(query.literal_drugs[0][1]) <= _with_drug_names(hcpcs_title, query)
