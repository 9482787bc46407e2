"""The PTP pair check page, GET /tools/ncci-ptp/?codes=...&date=...&setting=..."""

import pytest
from django.urls import reverse
from django.utils import timezone

from codingdesk.accounts.models import CodeView

from .conftest import import_ptp
from .ncci_files import MISUSE, STANDARDS, ptp_line

pytestmark = pytest.mark.django_db

URL = reverse("edits:ptp_tool")


@pytest.fixture
def july(tmp_path):
    return import_ptp(
        tmp_path,
        [
            ptp_line("11042", "97597", effective="20090101", indicator="1"),
            ptp_line("0001A", "36591", effective="20210101", indicator="0", rationale=STANDARDS),
            ptp_line("11042", "97602", effective="19960101", deletion="20260701", indicator="0"),
        ],
    )


def get(client, **params):
    return client.get(URL, params)


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_empty_form_defaults_to_today_and_the_practitioner_setting(client, db):
    response = get(client)
    assert response.status_code == 200
    html = text(response)
    assert f'name="date" type="date" value="{timezone.localdate().isoformat()}"' in html
    assert '<option value="practitioner" selected>' in html
    assert 'id="ptp-result"' not in html


def test_it_lists_each_pair_with_its_indicator_bypass_rationale_and_dates(client, july):
    html = text(get(client, codes="11042, 97597-59 0001A 36591", date="2026-07-15"))
    assert "NCCI PTP edits, practitioner 32.2, in force from 2026-07-01" in html
    assert "2 edits between these codes" in html
    assert "97597-59" in html and "1: an NCCI-associated modifier allowed" in html
    assert "bypassed</span> by modifier 59 on the column 2 line (97597-59)" in html
    assert "0: no modifier allowed" in html and "No modifier bypasses this edit" in html
    assert "not bypassed" in html
    assert MISUSE in html and STANDARDS in html
    assert "2009-01-01" in html and "2021-01-01" in html
    assert "97602" not in html.split("ptp-result")[1]  # deleted on the day the date reaches


def test_a_modifier_on_the_column_1_line_is_named_there(client, july):
    html = text(get(client, codes="11042-XS 97597", date="2026-07-15"))
    assert "by modifier XS on the column 1 line (11042-XS)" in html


def test_codes_without_edits_between_them_say_so(client, july):
    html = text(get(client, codes="11042, 0001A", date="2026-07-15"))
    assert "No PTP edits between these codes on Jul 15, 2026." in html


def test_a_date_no_release_covers_shows_the_no_data_message(client, july):
    response = get(client, codes="11042, 97597", date="2026-06-30")
    assert response.status_code == 200
    html = text(response)
    assert "No NCCI PTP edits, practitioner release is loaded for the date of service 2026-06-30" in html


def test_the_hospital_setting_reads_the_hospital_files(client, july):
    html = text(get(client, codes="11042, 97597", date="2026-07-15", setting="hospital"))
    assert "No NCCI PTP edits, outpatient hospital release is loaded" in html


def test_it_links_to_the_same_check_as_json(client, july):
    html = get(client, codes="11042 97597-59", date="2026-07-15").content.decode()
    assert 'href="/api/v1/edits/ptp?codes=11042%2C97597-59&amp;date=2026-07-15&amp;setting=practitioner"' in html


def test_the_json_link_answers_the_same_edits(client, july):
    response = client.get("/api/v1/edits/ptp", {"codes": "11042,97597-59", "date": "2026-07-15"})
    assert [edit["bypassed_by"] for edit in response.json()["edits"]] == ["59"]


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"codes": "11042 9759"}, "codes", "&#x27;9759&#x27; is not a CPT/HCPCS code"),
        ({"codes": "11042 97597-5"}, "codes", "&#x27;5&#x27; is not a modifier"),
        ({"codes": " "}, "codes", "Give at least one CPT/HCPCS code."),
        ({"codes": "11042", "date": "07/15/2026"}, "date", "write the date of service as YYYY-MM-DD"),
        ({"codes": "11042", "date": "2026-13-45"}, "date", "is not a date"),
        ({"codes": "11042", "setting": "dme"}, "setting", "choose one of practitioner, hospital"),
    ],
)
def test_bad_input_is_explained_beside_its_field(client, july, params, field, message):
    response = get(client, **{"date": "2026-07-15", **params})
    assert response.status_code == 400
    html = text(response)
    assert f'<span id="ptp-{field}-error" class="errorlist" role="alert">' in html
    assert message in html.split(f'id="ptp-{field}-error"')[1]
    assert 'id="ptp-result"' not in html


def test_the_form_keeps_what_was_typed(client, july):
    html = text(get(client, codes="11042, 9759", date="2026-07-15", setting="hospital"))
    assert 'value="11042, 9759"' in html and '<option value="hospital" selected>' in html


def test_a_guest_sees_the_result_with_metering_on_and_no_view_is_counted(client, july, metering):
    """Only code pages are metered; the edits a code page gates for guests are shown here."""
    for _ in range(3):
        response = get(client, codes="11042 97597-59", date="2026-07-15")
        assert "by modifier 59 on the column 2 line" in text(response)
        assert "data-gated" not in text(response)
    assert not CodeView.objects.exists()
