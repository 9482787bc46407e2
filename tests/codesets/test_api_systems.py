"""GET /api/v1/systems and GET /api/v1/systems/{system}/releases."""

import pytest
from django.utils import timezone

from codingdesk.codesets.models import CodeSystem

pytestmark = pytest.mark.django_db


def systems(client) -> dict[str, dict]:
    response = client.get("/api/v1/systems")
    assert response.status_code == 200
    return {system["value"]: system for system in response.json()}


def test_it_lists_every_code_system_with_its_label_and_description(client):
    listed = systems(client)
    assert list(listed) == [system.value for system in CodeSystem]
    assert listed["icd10cm"]["label"] == "ICD-10-CM"
    assert "tabular" in listed["icd10cm"]["description"]


def test_a_system_with_no_release_has_a_null_current_release(client):
    assert systems(client)["hcpcs"]["current_release"] is None


def test_the_current_release_is_the_newest_in_force_today(client, icd10cm_releases):
    current = systems(client)["icd10cm"]["current_release"]
    # Both fixture releases have taken effect by now; the newer one wins.
    assert timezone.localdate() >= icd10cm_releases.april.effective_from
    assert current["id"] == icd10cm_releases.april.id
    assert current["version"] == "2026-04"


def test_it_lists_every_release_of_a_system_newest_first(client, icd10cm_releases):
    response = client.get("/api/v1/systems/icd10cm/releases")
    assert response.status_code == 200
    assert [release["version"] for release in response.json()] == ["2026-04", "2025-10"]


def test_a_release_shows_its_dates_source_files_and_counts(client, icd10cm_releases):
    october = client.get("/api/v1/systems/icd10cm/releases").json()[1]
    assert october["id"] == icd10cm_releases.october.id
    assert october["system"] == "icd10cm"
    assert october["effective_from"] == "2025-10-01"
    # ICD-10-CM follows the federal fiscal year.
    assert october["effective_to"] == "2026-09-30"
    (source,) = october["source_files"]
    assert source["name"] == "icd10cm-tabular-October-1-2025.xml"
    assert len(source["sha256"]) == 64
    assert october["imported_at"]
    assert october["code_count"] == icd10cm_releases.october.code_count > 0
    assert october["billable_count"] == icd10cm_releases.october.billable_count > 0


def test_a_known_system_without_releases_lists_none(client):
    response = client.get("/api/v1/systems/icd10pcs/releases")
    assert response.status_code == 200
    assert response.json() == []


def test_an_unknown_system_is_a_404_json_naming_the_systems(client):
    response = client.get("/api/v1/systems/icd9/releases")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "No code system called 'icd9'" in response.json()["detail"]
    assert "icd10cm" in response.json()["detail"]


@pytest.mark.parametrize("system", ["ICD10CM", "icd10cm%00", "icd10cm;DROP", "%C3%A9", "a%2Fb", "..%5C.."])
def test_a_garbled_system_name_is_json_and_never_a_500(client, system):
    response = client.get(f"/api/v1/systems/{system}/releases")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_an_api_url_that_matches_no_endpoint_is_a_404_json(client):
    response = client.get("/api/v1/system")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "There is no API endpoint at /api/v1/system. The endpoints are listed at /api/docs."
    }


def test_a_crash_is_a_500_json_and_is_logged(client, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("codingdesk.codesets.selectors.release_list", broken)
    response = client.get("/api/v1/systems/icd10cm/releases")
    assert response.status_code == 500
    assert response.json() == {"detail": "Something went wrong on our side. The error has been logged."}
    assert "the database went away" in caplog.text
