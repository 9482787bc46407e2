"""GET /api/v1/codes/cpt/{code} and /api/v1/systems/cpt/diff, with and without a CPT licence."""

import json

import pytest

from codingdesk.codesets.cpt import CPT_LICENCE_NOTE

from .cpt_files import DESCRIPTORS, every_descriptor, import_cpt

pytestmark = pytest.mark.django_db


@pytest.fixture
def cpt_2026(tmp_path):
    return import_cpt(tmp_path / "CPT2026")


def lookup(client, code: str, status: int = 200) -> dict:
    response = client.get(f"/api/v1/codes/cpt/{code}")
    assert response.status_code == status, response.content
    return response.json()


def assert_no_descriptor(body: dict) -> None:
    text = json.dumps(body)
    for descriptor in [*every_descriptor(), "TEST ONLY", "TEST FICT"]:
        assert descriptor not in text


def test_without_a_licence_a_lookup_has_blank_descriptors_and_says_why(client, settings, cpt_2026):
    settings.CPT_LICENSED = False
    body = lookup(client, "10001")
    assert (body["code"], body["billable"], body["release"]["version"]) == ("10001", True, "2026")
    assert (body["long_title"], body["short_title"]) == ("", "")
    assert body["details"] == {"category": "I"}
    assert body["licence"] == CPT_LICENCE_NOTE
    assert_no_descriptor(body)


def test_with_a_licence_a_lookup_has_every_descriptor_and_the_ama_notice(client, settings, cpt_2026):
    settings.CPT_LICENSED = True
    body = lookup(client, "10001")
    long_text, medium, short = DESCRIPTORS["10001"]
    assert (body["long_title"], body["short_title"]) == (long_text, short)
    assert body["details"]["medium_descriptor"] == medium
    assert body["licence"].startswith("CPT copyright 2025 American Medical Association. All rights reserved.")
    assert "FARS/DFARS" in body["licence"]


def test_other_code_systems_have_no_licence_note(client, settings, cpt_2026, icd10cm_releases):
    settings.CPT_LICENSED = False
    response = client.get("/api/v1/codes/icd10cm/E11.9")
    assert response.json()["licence"] is None
    assert response.json()["long_title"] == "Type 2 diabetes mellitus without complications"


def test_without_a_licence_suggestions_for_a_missing_code_have_no_titles(client, settings, cpt_2026):
    settings.CPT_LICENSED = False
    body = lookup(client, "1000", status=404)
    assert [suggestion["code"] for suggestion in body["suggestions"]][:2] == ["10001", "10002"]
    assert {suggestion["title"] for suggestion in body["suggestions"]} == {""}


def test_without_a_licence_a_release_diff_has_no_titles(client, settings, tmp_path):
    settings.CPT_LICENSED = False
    older = {code: texts for code, texts in DESCRIPTORS.items() if code != "0999M"}
    older["10001"] = ("TEST ONLY FICTIONAL OLD TITLE ALPHA", "TEST ONLY OLD ALPHA", "TEST OLD ALPHA")
    import_cpt(tmp_path / "CPT2025", older)
    import_cpt(tmp_path / "CPT2026")
    body = client.get("/api/v1/systems/cpt/diff", {"from": "2025", "to": "2026"}).json()
    assert body["counts"] == {"added": 1, "deleted": 0, "retitled": 1}
    assert body["retitled"] == [{"code": "10001", "old_title": "", "new_title": "", "billable": True}]
    assert body["licence"] == CPT_LICENCE_NOTE
    assert_no_descriptor(body)

    settings.CPT_LICENSED = True
    body = client.get("/api/v1/systems/cpt/diff", {"from": "2025", "to": "2026"}).json()
    assert body["retitled"][0]["old_title"] == "TEST ONLY FICTIONAL OLD TITLE ALPHA"
    assert body["licence"].startswith("CPT copyright 2025")
