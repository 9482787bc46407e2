"""GET /api/v1/fees?code=&modifier=&locality=&date=, through a throwaway
NinjaAPI holding the fees router (conftest.py)."""

import datetime

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get("/v1/fees", query_params=params)


def found(client, **params) -> dict:
    response = get(client, **params)
    assert response.status_code == 200, response.content
    return response.json()


def refused(client, status: int, **params) -> str:
    response = get(client, **params)
    assert response.status_code == status, response.content
    return response.json()["detail"]


def test_it_answers_the_amounts_the_rvus_the_gpcis_and_the_conversion_factor(fees_client, fee_releases):
    body = found(fees_client, code="99213", locality="01112-54", date="2026-03-02")
    assert body["code"] == "99213" and body["modifier"] == ""
    assert body["date_of_service"] == "2026-03-02"
    assert body["non_facility_amount"] == "90.58"
    assert body["facility_amount"] == "66.41"
    assert body["conversion_factor"] == "33.4009"
    assert body["rvus"] == {"work": "1.30", "non_facility_pe": "1.21", "facility_pe": "0.55", "mp": "0.10"}
    assert body["gpcis"] == {"work": "1.019", "pe": "1.096", "mp": "0.609"}
    assert body["locality"] == {
        "key": "01112-54", "mac": "01112", "state": "CA", "locality_number": "54", "name": "BAKERSFIELD", "notes": [],
    }
    assert body["rvu_release"] == {
        "version": "2026-A", "year": 2026, "effective_from": "2026-01-01", "effective_to": "2026-12-31",
    }
    assert body["gpci_release"]["version"] == "2026"
    assert body["payment_notes"] == []


def test_every_indicator_comes_with_its_code_and_meaning(fees_client, fee_releases):
    body = found(fees_client, code="99223", locality="02102-01", date="2026-03-02")
    assert set(body["indicators"]) == {
        "status_code", "modifier", "pctc_indicator", "global_days", "mult_proc", "bilat_surg", "asst_surg",
        "co_surg", "team_surg", "non_facility_na", "facility_na",
    }
    assert body["indicators"]["global_days"] == {"code": "XXX", "meaning": "The global surgery concept does not apply."}
    assert body["indicators"]["non_facility_na"]["code"] == "NA"
    assert body["non_facility_amount"] is None
    assert body["locality"]["notes"] == ["Work GPCI reflects a 1.5 floor in Alaska established by the MIPPA."]


def test_it_prices_a_modifier_row(fees_client, fee_releases):
    body = found(fees_client, code="71046", modifier="26", locality="13202-01", date="2026-03-02")
    assert (body["modifier"], body["non_facility_amount"]) == ("26", "11.45")
    assert body["indicators"]["modifier"] == {"code": "26", "meaning": "Professional component."}


def test_the_date_defaults_to_today(fees_client, fee_releases, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 5, 5))
    assert found(fees_client, code="99213", locality="01112-54")["date_of_service"] == "2026-05-05"


@pytest.mark.parametrize(
    "params, detail",
    [
        ({"locality": "01112-54"}, "Give the code to price, e.g. code=99213."),
        ({"code": "99213"}, "Give the Medicare locality as <MAC>-<locality number>, e.g. locality=10112-00; "
                            "GET /api/v1/fees/localities lists them."),
        (
            {"code": "99213", "locality": "01112-54", "date": "2026-13-01"},
            "'2026-13-01' is not a date; write the date of service as YYYY-MM-DD, e.g. 2026-07-01.",
        ),
        ({"code": "99213", "locality": "01112-54", "date": "20260302"}, "'20260302' is not a date"),
        ({"code": "992", "locality": "01112-54"}, "'992' is not a HCPCS or CPT code"),
        ({"code": "99213", "modifier": "LTX", "locality": "01112-54"}, "'LTX' is not a modifier"),
        ({"code": "99213", "locality": "CA-54"}, "'CA-54' is not a Medicare locality"),
        ({"code": "99213\x00", "locality": "01112-54"}, "is not a HCPCS or CPT code"),
    ],
)
def test_bad_input_is_a_400_with_a_sentence(fees_client, fee_releases, params, detail):
    assert detail in refused(fees_client, 400, **params)


def test_an_unknown_locality_is_a_404(fees_client, fee_releases):
    detail = refused(fees_client, 404, code="99213", locality="01112-99", date="2026-03-02")
    assert detail == "The 2026 GPCI file has no Medicare locality 01112-99."


def test_a_code_not_in_the_rvu_file_is_a_404(fees_client, fee_releases):
    detail = refused(fees_client, 404, code="99999", locality="01112-54", date="2026-03-02")
    assert detail == "The 2026-A RVU file has no row for 99999."


def test_no_release_for_the_date_is_a_404_naming_the_missing_file(fees_client, fee_releases):
    detail = refused(fees_client, 404, code="99213", locality="01112-54", date="2027-01-04")
    assert detail == (
        "Cannot price a service on 2027-01-04: no RVU file (PPRRVU) and no GPCI file (Addendum E) "
        "in force on that date has been imported."
    )
