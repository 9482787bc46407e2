"""CPT in search: indexed and shown only on a licensed site."""

import pytest

from codingdesk import search
from tests.codesets.cpt_files import DESCRIPTORS, import_cpt

pytestmark = pytest.mark.django_db

ALPHA = DESCRIPTORS["10001"][0]
NOTICE = "CPT copyright 2025 American Medical Association. All rights reserved."


@pytest.fixture
def cpt_2026(tmp_path):
    return import_cpt(tmp_path / "CPT2026")


def found(query: str, **options) -> dict[str, str]:
    return {result.code: result.title for result in search.search(query, **options).results}


def test_without_a_licence_cpt_words_find_nothing(settings, cpt_2026):
    settings.CPT_LICENSED = False
    search.index_rebuild()
    assert found("fictional procedure alpha") == {}


def test_without_a_licence_a_cpt_number_is_found_without_its_descriptor(settings, cpt_2026):
    settings.CPT_LICENSED = False
    search.index_rebuild()
    assert found("10001") == {"10001": ""}
    assert set(found("1000").values()) == {""}


def test_with_a_licence_cpt_words_find_the_code_and_its_descriptor(settings, cpt_2026):
    settings.CPT_LICENSED = True
    search.index_rebuild()
    assert found("fictional procedure alpha", system="cpt")["10001"] == ALPHA
    assert found("10001") == {"10001": ALPHA}


def test_turning_the_licence_on_or_off_makes_the_index_out_of_date(settings, cpt_2026):
    settings.CPT_LICENSED = False
    search.index_rebuild()
    settings.CPT_LICENSED = True
    assert not search.index_is_current()
    search.index_rebuild()
    settings.CPT_LICENSED = False
    assert not search.index_is_current()


def test_an_index_built_under_a_licence_is_not_searched_for_cpt_after_it_ends(settings, cpt_2026):
    settings.CPT_LICENSED = True
    search.index_rebuild()
    settings.CPT_LICENSED = False
    assert found("fictional procedure alpha") == {}


def test_with_a_licence_the_results_page_and_type_ahead_carry_the_notice(client, settings, cpt_2026):
    settings.CPT_LICENSED = True
    search.index_rebuild()
    results_page = client.get("/search", {"q": "fictional procedure alpha", "list": "1"}).content.decode()
    assert ALPHA in results_page and NOTICE in results_page
    typeahead = client.get("/search/typeahead", {"q": "fictional procedure alpha"}).content.decode()
    assert ALPHA in typeahead and NOTICE in typeahead


def test_without_a_licence_the_type_ahead_shows_the_number_only(client, settings, cpt_2026):
    settings.CPT_LICENSED = False
    search.index_rebuild()
    typeahead = client.get("/search/typeahead", {"q": "10001"}).content.decode()
    assert "10001" in typeahead
    assert "TEST ONLY" not in typeahead and NOTICE not in typeahead


def test_without_a_licence_the_search_api_shows_no_descriptor(client, settings, cpt_2026):
    settings.CPT_LICENSED = False
    search.index_rebuild()
    body = client.get("/api/v1/search", {"q": "10001"}).json()
    assert [(result["code"], result["title"]) for result in body["results"]] == [("10001", "")]
