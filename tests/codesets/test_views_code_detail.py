import pytest
from django.urls import reverse

from codingdesk.codesets.services import code_release_import

from .icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    return outcome.release


def page(client, code: str, **params):
    return client.get(reverse("codesets:code_detail", kwargs={"system": "icd10cm", "code": code}), params)


def test_it_shows_the_code_its_descriptor_and_billable_badge(client, release):
    response = page(client, "E11.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Type 2 diabetes mellitus without complications" in html
    assert "Billable" in html
    assert 'data-code="E11.9"' in html


def test_it_shows_breadcrumbs_from_the_chapter_down(client, release):
    crumbs = page(client, "S13.4XXA").context["ancestors"]
    assert [code.code for code in crumbs] == ["19", "S10-S19", "S13", "S13.4"]


def test_a_header_lists_its_7th_character_completions(client, release):
    response = page(client, "S13.4")
    html = response.content.decode()
    assert "Header: not billable" in html
    assert [code.code for code in response.context["completions"]] == ["S13.4XXA", "S13.4XXD", "S13.4XXS"]
    assert 'href="/codes/icd10cm/S13.4XXA"' in html


def test_it_shows_inherited_notes_with_linked_references(client, release):
    response = page(client, "S13.4XXA")
    html = response.content.decode()
    assert "Whiplash injury of cervical spine" in html
    assert 'intracranial injury (<a href="/codes/icd10cm/S06">S06.-</a>)' in html


def test_references_to_codes_not_in_the_release_stay_plain_text(client, release):
    html = page(client, "E11.9").content.decode()
    assert "diabetes mellitus due to underlying condition (E08.-)" in html


def test_it_explains_the_code_in_plain_english(client, release):
    summary = " ".join(page(client, "S13.4XXA").context["summary"])
    assert "billable ICD-10-CM code" in summary
    assert "Its 7th character, A, means initial encounter." in summary


@pytest.mark.parametrize("typed", ["e119", "E119", "e11.9"])
def test_other_spellings_redirect_to_the_printed_code(client, release, typed):
    response = page(client, typed)
    assert response.status_code == 301
    assert response["Location"] == "/codes/icd10cm/E11.9"


def test_an_unknown_code_suggests_the_placeholder_form(client, release):
    response = page(client, "S13.4A")
    assert response.status_code == 404
    assert [code.code for code in response.context["suggestions"]][:1] == ["S13.4XXA"]


def test_a_code_missing_its_7th_character_suggests_the_completions(client, release):
    response = page(client, "S06.369X")
    assert response.status_code == 404
    assert {code.code for code in response.context["suggestions"]} >= {"S06.369A", "S06.369D"}


def test_garbage_gets_a_404_not_an_error(client, release):
    assert page(client, "E11;DROP TABLE").status_code == 404
    assert page(client, "X" * 40).status_code == 404


def test_as_of_picks_the_release_in_force(client, release):
    assert page(client, "E11.9", as_of="2026-05-01").status_code == 200
    response = page(client, "E11.9", as_of="2025-01-01")
    assert response.status_code == 404
    assert "No ICD-10-CM release in force on January 1, 2025" in response.content.decode()


def test_a_malformed_as_of_date_is_a_400_that_says_why(client, release):
    response = page(client, "E11.9", as_of="2026-13-45")
    assert response.status_code == 400
    assert "must be a date like 2026-04-01" in response.content.decode()


def test_browsing_starts_at_the_chapters(client, release):
    response = client.get(reverse("codesets:system_browse", kwargs={"system": "icd10cm"}))
    assert [code.code for code in response.context["codes"]] == ["19", "4"]


def test_an_unknown_system_is_a_404(client, release):
    assert client.get("/codes/icd11/E11.9").status_code == 404
