"""GET /api/v1/systems/{system}/diff?from=...&to=...[&billable_only=true]."""

import datetime

import pytest

from codingdesk.codesets.models import Release

pytestmark = pytest.mark.django_db


def diff(client, system: str = "icd10cm", **params):
    return client.get(f"/api/v1/systems/{system}/diff", params)


def codes(entries: list[dict]) -> list[str]:
    return [entry["code"] for entry in entries]


def test_it_lists_codes_added_deleted_and_retitled_in_tabular_order(client, icd10cm_releases):
    response = diff(client, **{"from": "2025-10", "to": "2026-04"})
    assert response.status_code == 200
    body = response.json()
    assert codes(body["added"]) == ["E11.1", "E11.10", "E11.11", "E11.A"]
    assert body["deleted"] == [
        {"code": "E11.69", "title": "Type 2 diabetes mellitus with other specified complication", "billable": True}
    ]
    assert body["retitled"][1] == {
        "code": "E11.8",
        "old_title": "Type 2 diabetes mellitus with unspecified complications",
        "new_title": "Type 2 diabetes mellitus with complication, unspecified",
        "billable": True,
    }
    assert codes(body["retitled"]) == ["E11.6", "E11.8"]


def test_it_counts_each_kind_of_change(client, icd10cm_releases):
    body = diff(client, **{"from": "2025-10", "to": "2026-04"}).json()
    assert body["counts"] == {"added": 4, "deleted": 1, "retitled": 2}


def test_it_names_both_releases(client, icd10cm_releases):
    body = diff(client, **{"from": "2025-10", "to": "2026-04"}).json()
    assert body["system"] == "icd10cm"
    assert body["from_release"]["id"] == icd10cm_releases.october.id
    assert body["to_release"] == {
        "id": icd10cm_releases.april.id,
        "version": "2026-04",
        "effective_from": "2026-04-01",
        "effective_to": "2026-09-30",
    }


def test_it_takes_release_ids_as_well_as_versions(client, icd10cm_releases):
    by_id = diff(client, **{"from": icd10cm_releases.october.id, "to": icd10cm_releases.april.id}).json()
    by_version = diff(client, **{"from": "2025-10", "to": "2026-04"}).json()
    assert by_id == by_version


def test_billable_only_leaves_headers_out(client, icd10cm_releases):
    body = diff(client, **{"from": "2025-10", "to": "2026-04", "billable_only": "true"}).json()
    assert body["billable_only"] is True
    assert codes(body["added"]) == ["E11.10", "E11.11", "E11.A"]
    assert codes(body["retitled"]) == ["E11.8"]
    assert body["counts"] == {"added": 3, "deleted": 1, "retitled": 1}


def test_comparing_newer_to_older_swaps_added_and_deleted(client, icd10cm_releases):
    body = diff(client, **{"from": "2026-04", "to": "2025-10"}).json()
    assert codes(body["added"]) == ["E11.69"]
    assert codes(body["deleted"]) == ["E11.1", "E11.10", "E11.11", "E11.A"]


def test_a_release_compared_with_itself_has_no_changes(client, icd10cm_releases):
    body = diff(client, **{"from": "2026-04", "to": "2026-04"}).json()
    assert body["counts"] == {"added": 0, "deleted": 0, "retitled": 0}


def test_an_unknown_release_is_a_404_listing_the_systems_releases(client, icd10cm_releases):
    response = diff(client, **{"from": "2024-10", "to": "2026-04"})
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert detail.startswith("No ICD-10-CM release has version or id '2024-10'.")
    assert f"2026-04 (id {icd10cm_releases.april.id})" in detail


def test_a_release_of_another_system_is_a_404(client, icd10cm_releases):
    # A bare row is enough: only its id and system matter here.
    hcpcs = Release.objects.create(
        system="hcpcs", version="2026-Q1", effective_from=datetime.date(2026, 1, 1), checksum="0" * 64
    )
    response = diff(client, **{"from": hcpcs.id, "to": "2026-04"})
    assert response.status_code == 404
    assert f"has version or id '{hcpcs.id}'" in response.json()["detail"]


def test_an_unknown_system_is_a_404(client, icd10cm_releases):
    response = diff(client, system="icd9", **{"from": "2025-10", "to": "2026-04"})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("No code system called 'icd9'.")


def test_a_missing_from_or_to_is_a_400_naming_both(client, icd10cm_releases):
    response = diff(client)
    assert response.status_code == 400
    assert response.json()["detail"] == "Bad input. from: Field required; to: Field required."


@pytest.mark.parametrize("key", ["%00", "2026-04;DROP", "%C3%A9", "9" * 30, "-1", "a" * 41])
def test_a_garbled_release_is_a_400_never_a_500(client, icd10cm_releases, key):
    response = client.get(f"/api/v1/systems/icd10cm/diff?from={key}&to=2026-04")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("'from' must be a release version like 2026-04 or a release id")


def test_a_non_boolean_billable_only_is_a_400(client, icd10cm_releases):
    response = diff(client, **{"from": "2025-10", "to": "2026-04", "billable_only": "maybe"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Bad input. billable_only: ")
