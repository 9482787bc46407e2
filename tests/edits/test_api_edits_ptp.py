"""GET /api/v1/edits/ptp?codes=...&date=YYYY-MM-DD&setting=practitioner|hospital."""

import pytest

from .conftest import import_ptp
from .ncci_files import MISUSE, ptp_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def july(tmp_path):
    return import_ptp(
        tmp_path,
        [
            ptp_line("11042", "97597", effective="20090101", indicator="1"),
            ptp_line("11042", "97602", effective="19960101", indicator="0"),
            ptp_line("29881", "29880", effective="20220101", deletion="20220101", indicator="9"),
        ],
    )


def get(client, **params):
    return client.get("/v1/edits/ptp", query_params=params)


def test_it_lists_the_edits_between_the_codes(edits_api, july):
    response = get(edits_api, codes="97597-59,11042,97602", date="2026-07-15")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["date_of_service"], body["setting"]) == ("2026-07-15", "practitioner")
    assert body["release"] == {
        "dataset": "ptp_practitioner", "version": "32.2", "effective_from": "2026-07-01", "effective_to": None,
    }
    assert body["edits"] == [
        {
            "column1": "11042",
            "column2": "97597",
            "column1_modifiers": [],
            "column2_modifiers": ["59"],
            "modifier_indicator": "1",
            "effective": "2009-01-01",
            "deletion": None,
            "rationale": MISUSE,
            "bypassed": True,
            "bypassed_by": "59",
            "bypassed_on": "column2",
        },
        {
            "column1": "11042",
            "column2": "97602",
            "column1_modifiers": [],
            "column2_modifiers": [],
            "modifier_indicator": "0",
            "effective": "1996-01-01",
            "deletion": None,
            "rationale": MISUSE,
            "bypassed": False,
            "bypassed_by": None,
            "bypassed_on": None,
        },
    ]


def test_a_code_may_carry_several_modifiers_in_any_case(edits_api, july):
    body = get(edits_api, codes=" 11042 , 97597-rt-xu ", date="2026-07-15").json()
    assert body["edits"][0]["column2_modifiers"] == ["RT", "XU"]
    assert body["edits"][0]["bypassed_by"] == "RT"


def test_indicator_9_edits_are_left_out(edits_api, july):
    assert get(edits_api, codes="29881,29880", date="2026-07-15").json()["edits"] == []


@pytest.mark.parametrize(
    "params, message",
    [
        ({"codes": "11042,9759", "date": "2026-07-15"}, "'9759' is not a CPT/HCPCS code"),
        ({"codes": "11042,97597-5", "date": "2026-07-15"}, "'5' is not a modifier"),
        ({"codes": " , ", "date": "2026-07-15"}, "at least one"),
        ({"codes": ",".join(["11042"] * 51), "date": "2026-07-15"}, "at most 50"),
        ({"codes": "11042,97597", "date": "2026-13-45"}, "is not a date"),
        ({"codes": "11042,97597", "date": "20260715"}, "YYYY-MM-DD"),
        ({"codes": "11042,97597", "date": "2026-07-15", "setting": "dme"}, "choose one of practitioner, hospital"),
    ],
)
def test_bad_input_is_a_400_with_a_sentence(edits_api, july, params, message):
    response = get(edits_api, **params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_a_date_without_edits_loaded_is_a_404_naming_the_data(edits_api, july):
    response = get(edits_api, codes="11042,97597", date="2026-06-30")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "NCCI PTP edits, practitioner" in detail and "2026-06-30" in detail and "ccipra" in detail


def test_the_hospital_setting_without_edits_loaded_is_a_404(edits_api, july):
    response = get(edits_api, codes="11042,97597", date="2026-07-15", setting="hospital")
    assert response.status_code == 404
    assert "outpatient hospital" in response.json()["detail"]


def test_the_site_api_answers_a_missing_codes_parameter_with_400(client, db):
    response = client.get("/api/v1/edits/ptp", {"date": "2026-07-15"})
    assert response.status_code == 400
    assert "codes" in response.json()["detail"]
