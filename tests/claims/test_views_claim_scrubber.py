"""The scrubber page at /tools/scrubber/: the form, and the findings in three
sections after a POST."""

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

URL = "/tools/scrubber/"


def submit(client, lines: str, day: str = "2026-07-15", setting: str = "practitioner"):
    return client.post(URL, {"lines": lines, "date_of_service": day, "setting": setting})


def test_the_form_defaults_to_today_and_the_practitioner_setting(client):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<textarea id="claim-lines" name="lines"' in page
    assert f'name="date_of_service" type="date" value="{timezone.localdate().isoformat()}"' in page
    assert '<option value="practitioner" selected>Practitioner</option>' in page
    assert "<summary>Example claim</summary>" in page
    assert "NCCI procedure-to-procedure edits" not in page


def test_the_form_carries_a_csrf_token_and_is_refused_without_one(db):
    client = Client(enforce_csrf_checks=True)
    page = client.get(URL).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert submit(client, "99213 1 A").status_code == 403


def test_it_shows_the_findings_in_three_sections(client, all_layers):
    response = submit(client, "11042 1 A\n97597 1 A\n20610-RT 1 A\n20610-LT 2 A\n99080 1 B")
    assert response.status_code == 200
    page = response.content.decode()
    ptp, rest = page.split('id="layer-ptp-heading">NCCI procedure-to-procedure edits</h2>')[1].split(
        'id="layer-mue-heading">Medically Unlikely Edits</h2>'
    )
    mue, fees = rest.split('id="layer-fee_status-heading">Fee schedule status</h2>')
    assert "Column 2 code 97597 is bundled into column 1 code 11042. Modifier indicator 1" in ptp
    assert 'href="/api/v1/edits/ptp?codes=11042,97597&amp;date=2026-07-15&amp;setting=practitioner">source</a>' in ptp
    assert "Lines 3 and 4 bill 20610" in mue
    assert 'href="/api/v1/edits/mue?code=20610&amp;units=3&amp;date=2026-07-15&amp;setting=practitioner">source</a>' in mue
    assert "99080 has status B in the 2026-A RVU file. Bundled code" in fees
    assert "11042 is not in the 2026-A physician fee schedule RVU file" in fees


def test_a_layer_without_data_shows_its_notice(client, fee_schedule):
    page = submit(client, "99213 1 A", setting="hospital").content.decode()
    assert "No NCCI PTP data is loaded for 2026-07-15 (outpatient hospital)" in page
    assert "No MUE data is loaded for 2026-07-15 (outpatient hospital)" in page
    assert "99213 has status A" in page


def test_errors_are_shown_beside_the_lines_and_the_text_is_kept(client, db):
    response = submit(client, "99213 1 A\n11042 x A", day="2026-13-01")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true">99213 1 A\n11042 x A</textarea>' in page
    assert "line 2: units must be a whole number from 1 to 999, not &#x27;x&#x27;." in page
    assert "is not a date; write the date of service as YYYY-MM-DD" in page
    assert "Lines read" not in page


def test_an_unknown_setting_is_an_error(client, db):
    response = submit(client, "99213 1 A", setting="dme")
    assert response.status_code == 400
    assert "Choose a setting: practitioner, outpatient hospital." in response.content.decode()
