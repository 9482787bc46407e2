"""The MUE check page, GET /tools/mue/?code=...&units=...&date=...&setting=..."""

import pytest
from django.urls import reverse
from django.utils import timezone

from codingdesk.accounts.models import CodeView

from .conftest import import_mue
from .ncci_files import mue_line

pytestmark = pytest.mark.django_db

URL = reverse("edits:mue_tool")


@pytest.fixture
def july(tmp_path):
    return import_mue(
        tmp_path,
        [
            mue_line("97110", 6, "3", "Clinical: Data"),
            mue_line("11042", 1, "1", "Anatomic Consideration"),
            mue_line("20610", 2, "2", "Code Descriptor / CPT Instruction"),
        ],
    )


def get(client, **params):
    return client.get(URL, {"date": "2026-07-15", **params})


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_empty_form_asks_for_one_unit_today_in_the_practitioner_setting(client, db):
    html = text(client.get(URL))
    assert 'name="units" type="text" inputmode="numeric" size="6" maxlength="20" value="1"' in html
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert '<option value="practitioner" selected>' in html and '<option value="dme">DME supplier</option>' in html
    assert 'id="mue-result"' not in html


def test_units_over_an_mai_3_mue_exceed_it_and_may_be_paid_on_appeal(client, july):
    html = text(get(client, code="97110", units="8"))
    assert "MUE, practitioner services 2026-07-01, in force from 2026-07-01" in html
    assert "<th scope=\"row\">MUE</th><td>6</td>" in html
    assert "3: date of service edit, clinical" in html
    assert "exceeds the MUE" in html
    assert "8 units exceed the MUE of 6 for 97110 on one date of service" in html
    assert "may be paid on appeal with documentation" in html
    assert "Clinical: Data" in html


def test_units_within_an_mai_1_mue_are_within_it(client, july):
    html = text(get(client, code="11042", units="1"))
    assert "within the MUE" in html and "1: claim line edit" in html
    assert "1 unit is within the MUE of 1 for 11042" in html


def test_units_over_an_mai_2_mue_cannot_be_paid_even_on_appeal(client, july):
    html = text(get(client, code="20610", units="3"))
    assert "2: date of service edit, policy" in html and "not even on appeal" in html


def test_a_code_without_an_mue_says_none_limits_it(client, july):
    html = text(get(client, code="99213", units="4"))
    assert "No MUE is published for 99213" in html and "so no MUE limits its units" in html
    assert "exceeds the MUE" not in html


def test_a_date_no_release_covers_shows_the_no_data_message(client, july):
    html = text(get(client, code="97110", units="1", date="2026-06-30"))
    assert "No MUE, practitioner services release is loaded for the date of service 2026-06-30" in html


def test_the_dme_setting_reads_the_dme_file(client, july):
    html = text(get(client, code="97110", units="1", setting="dme"))
    assert "No MUE, DME supplier services release is loaded" in html


def test_it_links_to_the_same_check_as_json(client, july):
    html = get(client, code="97110", units="8").content.decode()
    assert 'href="/api/v1/edits/mue?code=97110&amp;units=8&amp;date=2026-07-15&amp;setting=practitioner"' in html


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"code": "9711", "units": "1"}, "code", "is not a CPT/HCPCS code"),
        ({"code": "97110 97112", "units": "1"}, "code", "give one code, without modifiers"),
        ({"code": "97110-59", "units": "1"}, "code", "give one code, without modifiers"),
        ({"code": "97110", "units": "2.5"}, "units", "units must be a whole number from 1 to 99,999"),
        ({"code": "97110", "units": "zero"}, "units", "units must be a whole number from 1 to 99,999"),
        ({"code": "97110", "units": "1", "date": "2026-02-30"}, "date", "write the date of service as YYYY-MM-DD"),
        ({"code": "97110", "units": "1", "setting": "asc"}, "setting", "choose one of practitioner, hospital, dme"),
    ],
)
def test_bad_input_is_explained_beside_its_field(client, july, params, field, message):
    response = get(client, **params)
    assert response.status_code == 400
    html = text(response)
    assert message in html.split(f'id="mue-{field}-error"')[1]
    assert 'id="mue-result"' not in html


def test_every_bad_field_is_explained_at_once(client, july):
    html = text(get(client, code="9711", units="0", date="tomorrow"))
    assert 'id="mue-code-error"' in html and 'id="mue-units-error"' in html and 'id="mue-date-error"' in html


def test_a_guest_sees_the_result_with_metering_on_and_no_view_is_counted(client, july, metering):
    for _ in range(3):
        assert "exceeds the MUE" in text(get(client, code="97110", units="8"))
    assert not CodeView.objects.exists()
