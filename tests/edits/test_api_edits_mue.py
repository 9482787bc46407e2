"""GET /api/v1/edits/mue?code=X&units=N&date=YYYY-MM-DD&setting=practitioner|hospital|dme."""

import pytest

from .conftest import import_mue
from .ncci_files import mue_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def july(tmp_path):
    return import_mue(tmp_path, [mue_line("97110", 6, "3", "Clinical: Data")])


def get(client, **params):
    return client.get("/v1/edits/mue", query_params=params)


def test_it_answers_the_mue_against_the_units(edits_api, july):
    response = get(edits_api, code="97110", units="8", date="2026-07-15")
    assert response.status_code == 200, response.content
    body = response.json()
    meaning = body.pop("mai_meaning")
    assert body == {
        "code": "97110",
        "units": 8,
        "date_of_service": "2026-07-15",
        "setting": "practitioner",
        "release": {"dataset": "mue_practitioner", "version": "2026-07-01", "effective_from": "2026-07-01", "effective_to": None},
        "mue": 6,
        "mai": "3",
        "exceeds": True,
        "rationale": "Clinical: Data",
    }
    assert "may be paid on appeal with documentation" in meaning


def test_units_equal_to_the_mue_do_not_exceed_it(edits_api, july):
    assert get(edits_api, code="97110", units="6", date="2026-07-15").json()["exceeds"] is False


def test_a_code_without_an_mue_says_so(edits_api, july):
    body = get(edits_api, code="99213", units="1", date="2026-07-15").json()
    assert (body["mue"], body["mai"], body["exceeds"]) == (None, None, False)
    assert body["mai_meaning"].startswith("No MUE is published for 99213")


@pytest.mark.parametrize(
    "params, message",
    [
        ({"code": "9711", "units": "1"}, "is not a CPT/HCPCS code"),
        ({"code": "97110,97112", "units": "1"}, "give one code"),
        ({"code": "97110-59", "units": "1"}, "without modifiers"),
        ({"code": "97110", "units": "0"}, "whole number from 1"),
        ({"code": "97110", "units": "2.5"}, "whole number from 1"),
        ({"code": "97110", "units": "1", "setting": "asc"}, "choose one of practitioner, hospital, dme"),
        ({"code": "97110", "units": "1", "date": "07/15/2026"}, "YYYY-MM-DD"),
    ],
)
def test_bad_input_is_a_400_with_a_sentence(edits_api, july, params, message):
    response = get(edits_api, **{"date": "2026-07-15", **params})
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_a_setting_without_a_file_loaded_is_a_404_naming_the_file(edits_api, july):
    response = get(edits_api, code="E0601", units="1", date="2026-07-15", setting="dme")
    assert response.status_code == 404
    assert "MCR_MUE_DMESupplierServices" in response.json()["detail"]
