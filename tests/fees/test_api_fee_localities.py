"""GET /api/v1/fees/localities, through a throwaway NinjaAPI (conftest.py)."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_the_localities_for_a_picker(fees_client, fee_releases):
    response = fees_client.get("/v1/fees/localities")
    assert response.status_code == 200
    body = response.json()
    assert body["gpci_release"] == {
        "version": "2026", "year": 2026, "effective_from": "2026-01-01", "effective_to": "2026-12-31",
    }
    assert [locality["key"] for locality in body["localities"]] == [
        "02102-01", "10112-00", "01112-54", "01212-01", "03202-01", "13202-01",
    ]
    assert body["localities"][1] == {
        "key": "10112-00", "mac": "10112", "state": "AL", "locality_number": "00", "name": "ALABAMA", "notes": [],
    }


def test_it_lists_the_localities_in_force_on_a_date(fees_client, fee_releases):
    response = fees_client.get("/v1/fees/localities", query_params={"date": "2026-07-01"})
    assert len(response.json()["localities"]) == 6


def test_no_gpci_file_for_the_date_is_a_404(fees_client, fee_releases):
    response = fees_client.get("/v1/fees/localities", query_params={"date": "2025-07-01"})
    assert response.status_code == 404
    assert response.json()["detail"] == (
        "No GPCI file (Addendum E) in force on 2025-07-01 has been imported, so there are no localities to list."
    )


def test_no_gpci_file_at_all_is_a_404(fees_client, db):
    response = fees_client.get("/v1/fees/localities")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("No GPCI file (Addendum E) has been imported")


def test_a_bad_date_is_a_400(fees_client, fee_releases):
    response = fees_client.get("/v1/fees/localities", query_params={"date": "July 2026"})
    assert response.status_code == 400
    assert response.json()["detail"] == "'July 2026' is not a date; write the date of service as YYYY-MM-DD, e.g. 2026-07-01."
