"""POST /api/v1/claims/scrub through the site's API, as a guest."""

import json

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/scrub"


def post(client, body):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def scrubbed(client, body) -> dict:
    response = post(client, body)
    assert response.status_code == 200, response.content
    return response.json()


def refused(client, body) -> str:
    response = post(client, body)
    assert response.status_code == 400, response.content
    return response.json()["detail"]


def test_it_scrubs_lines_given_as_json(client, all_layers):
    body = scrubbed(
        client,
        {
            "date_of_service": "2026-07-15",
            "setting": "practitioner",
            "lines": [
                {"code": "11042", "units": 1, "pointers": ["A"]},
                {"code": "97597", "modifiers": ["59"], "units": 1, "pointers": ["A"]},
                {"code": "99080", "units": 1, "pointers": ["B"]},
            ],
        },
    )
    assert (body["date_of_service"], body["setting"]) == ("2026-07-15", "practitioner")
    assert body["lines"][1] == {"number": 2, "code": "97597", "modifiers": ["59"], "units": 1, "pointers": ["A"], "note": ""}
    ptp = body["layers"]["ptp"]
    assert ptp["notice"] is None
    assert ptp["release"] == {
        "dataset": "ptp_practitioner", "label": "NCCI PTP edits, practitioner", "version": "32.2",
        "effective_from": "2026-07-01",
    }
    (edit,) = ptp["findings"]
    assert (edit["column1"], edit["column2"], edit["bypassed"], edit["bypassed_by"]) == ("11042", "97597", True, "59")
    assert edit["source_url"] == "/api/v1/edits/ptp?codes=11042,97597-59&date=2026-07-15&setting=practitioner"
    assert edit["explanation"].startswith("Column 2 code 97597 is bundled into column 1 code 11042")
    mue = {finding["code"]: finding for finding in body["layers"]["mue"]["findings"]}
    assert (mue["11042"]["mue"], mue["11042"]["mai"], mue["11042"]["exceeds"]) == (1, "1", False)
    status = {finding["code"]: finding for finding in body["layers"]["fee_status"]["findings"]}
    assert (status["99080"]["status_code"], status["99080"]["needs_attention"]) == ("B", True)
    assert status["99080"]["source"] == {"dataset": "rvu", "release": "2026-A", "code": "99080", "modifier": ""}


def test_it_scrubs_pasted_text(client, all_layers):
    body = scrubbed(client, {"date_of_service": "2026-07-15", "text": "20610-RT 1 A\n20610-LT 2 AB\n"})
    assert [line["modifiers"] for line in body["lines"]] == [["RT"], ["LT"]]
    (finding,) = body["layers"]["mue"]["findings"]
    assert (finding["lines"], finding["units"], finding["mue"], finding["exceeds"]) == ([1, 2], 3, 2, True)


def test_the_source_url_answers(client, all_layers):
    body = scrubbed(client, {"date_of_service": "2026-07-15", "text": "0001A 1 A\n36591 1 A\n99080 1 A"})
    urls = [finding["source_url"] for layer in body["layers"].values() for finding in layer["findings"]]
    # 0001A and 36591 are not in the RVU fixture: no row, so no link.
    assert urls.count(None) == 2
    for url in filter(None, urls):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content)


def test_layers_without_data_are_notices_not_errors(client, db):
    body = scrubbed(client, {"date_of_service": "2026-07-15", "setting": "hospital", "text": "99213 1 A"})
    assert body["layers"]["ptp"] == {
        "notice": "No NCCI PTP data is loaded for 2026-07-15 (outpatient hospital), so code pairs were not checked. "
        "Import the NCCI PTP release in force on that date.",
        "release": None,
        "findings": [],
    }
    assert body["layers"]["mue"]["notice"].startswith("No MUE data is loaded for 2026-07-15")
    assert body["layers"]["fee_status"]["notice"].startswith("No physician fee schedule RVU file is loaded")


def test_the_date_defaults_to_today(client, db):
    body = scrubbed(client, {"text": "99213 1 A"})
    assert body["date_of_service"] == timezone.localdate().isoformat()


def test_a_bad_date_is_a_400(client, db):
    assert refused(client, {"date_of_service": "07/15/2026", "text": "99213 1 A"}) == (
        "'07/15/2026' is not a date; write the date of service as YYYY-MM-DD, e.g. 2026-07-01."
    )


def test_more_than_50_lines_is_a_400(client, db):
    assert refused(client, {"date_of_service": "2026-07-15", "text": "99213 1 A\n" * 51}) == (
        "A claim holds at most 50 service lines; 51 were given."
    )
    lines = [{"code": "99213"}] * 51
    assert refused(client, {"date_of_service": "2026-07-15", "lines": lines}) == (
        "A claim holds at most 50 service lines; 51 were given."
    )


def test_bad_lines_are_a_400_naming_each_line(client, db):
    assert refused(client, {"date_of_service": "2026-07-15", "text": "99213 1 A\n11042 x A\n9921 1"}) == (
        "line 2: units must be a whole number from 1 to 999, not 'x'. "
        "line 3: '9921' is not a CPT/HCPCS code: five letters or digits, modifiers after dashes (99213-25)."
    )


def test_it_needs_lines_or_text_but_not_both(client, db):
    message = "Give the claim either as lines (a list of objects) or as text (pasted lines), not both."
    assert refused(client, {"date_of_service": "2026-07-15"}) == message
    assert refused(client, {"text": "99213", "lines": [{"code": "99213"}]}) == message


def test_an_unknown_setting_is_a_400(client, db):
    assert refused(client, {"setting": "dme", "text": "99213"}) == (
        "'dme' is not a setting; choose one of practitioner, hospital."
    )
