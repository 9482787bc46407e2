"""The fee lookup page, GET /tools/fees/?code=...&modifier=...&locality=...&date=..."""

import pytest
from django.urls import reverse
from django.utils import timezone

from codingdesk.accounts.models import CodeView

pytestmark = pytest.mark.django_db

URL = reverse("fees:fee_tool")
BAKERSFIELD, ALABAMA = "01112-54", "10112-00"


def get(client, **params):
    return client.get(URL, {"date": "2026-03-02", "locality": BAKERSFIELD, **params})


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_empty_form_defaults_to_today_and_the_global_service(client, fee_releases):
    response = client.get(URL, {})
    assert response.status_code == 200
    html = text(response)
    assert f'name="date" type="date" value="{timezone.localdate().isoformat()}"' in html
    assert '<option value="" selected>None (global)</option>' in html
    assert '<option value="TC">TC (technical component)</option>' in html
    assert 'id="fee-result"' not in html


def test_the_locality_picker_lists_the_gpci_release_of_the_date(client, fee_releases):
    html = text(get(client, code="99213"))
    assert f'<option value="{BAKERSFIELD}" selected>CA: BAKERSFIELD ({BAKERSFIELD})</option>' in html
    assert f'<option value="{ALABAMA}">AL: ALABAMA ({ALABAMA})</option>' in html


def test_it_prices_the_code_and_shows_the_arithmetic(client, fee_releases):
    html = text(get(client, code="99213"))
    assert "RVU file 2026-A, GPCI 2026; CA: BAKERSFIELD (01112-54)" in html
    assert "$90.58" in html and "$66.41" in html
    # Non-facility: 1.30 x 1.019 + 1.21 x 1.096 + 0.10 x 0.609 = 2.71176, x 33.4009 = 90.575224584 -> 90.58
    assert "1.30 × 1.019 = 1.32470" in html and "1.21 × 1.096 = 1.32616" in html and "0.10 × 0.609 = 0.06090" in html
    assert "2.71176 × 33.4009 = 90.575224584" in html
    # Facility: the facility PE RVU 0.55 -> 1.98840 x 33.4009 = 66.414...
    assert "0.55 × 1.096 = 0.60280" in html and "1.98840 × 33.4009 = 66.41434956" in html


def test_it_shows_the_rvus_gpcis_and_conversion_factor(client, fee_releases):
    html = text(get(client, code="99213"))
    assert '<th scope="row">Work</th><td>1.30</td><td>1.019</td>' in html
    assert '<th scope="row">Practice expense, facility</th><td>0.55</td>' in html
    assert '<th scope="row">Malpractice</th><td>0.10</td><td>0.609</td>' in html
    assert "33.4009 (RVU file 2026-A)" in html


def test_it_explains_every_indicator(client, fee_releases):
    html = text(get(client, code="99213"))
    for label in ["Modifier", "Status", "Professional/technical component", "Global period", "Multiple procedures",
                  "Bilateral surgery", "Assistant at surgery", "Co-surgeons", "Team surgery",
                  "Non-facility setting", "Facility setting"]:
        assert f'<th scope="row">{label}</th>' in html
    assert "No modifier: the global service" in html
    assert "Active code: paid separately under the physician fee schedule" in html
    assert "Priced in the non-facility setting." in html


def test_a_component_is_priced_with_its_modifier(client, fee_releases):
    html = text(get(client, code="71046", modifier="26"))
    assert "71046-26 on Mar 2, 2026" in html and "Professional component." in html
    assert "Indicators (modifier 26)" in html


def test_an_na_setting_has_no_amount_and_says_why(client, fee_releases):
    html = text(get(client, code="99223", locality=ALABAMA))
    assert "$164.44" in html
    assert "rarely or never performed in the non-facility setting; the fee schedule gives no non-facility amount" in (
        html
    )
    assert "— (see above)" in html


def test_a_status_not_used_for_payment_has_no_amount(client, fee_releases):
    html = text(get(client, code="99080"))
    assert "Status B: CMS uses the RVUs of status A, R and T codes only for Medicare payment" in html
    assert "Bundled code" in html


def test_a_code_not_in_the_rvu_file_is_named(client, fee_releases):
    response = get(client, code="99999")
    assert response.status_code == 200
    assert "The 2026-A RVU file has no row for 99999." in text(response)


def test_a_date_without_releases_names_the_missing_files(client, fee_releases):
    html = text(get(client, code="99213", date="2025-06-01"))
    assert "Cannot price a service on 2025-06-01: no RVU file (PPRRVU) and no GPCI file (Addendum E)" in html
    assert "there are no localities to choose from" in html


def test_it_links_to_the_same_lookup_as_json(client, fee_releases):
    html = get(client, code="71046", modifier="tc").content.decode()
    assert 'href="/api/v1/fees?code=71046&amp;modifier=TC&amp;locality=01112-54&amp;date=2026-03-02"' in html


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"code": "9921"}, "code", "is not a HCPCS or CPT code: write 5 letters or digits"),
        ({"code": ""}, "code", "Give the code to price"),
        ({"code": "99213", "modifier": "59"}, "modifier", "choose none, 26, TC or 53"),
        ({"code": "99213", "locality": ""}, "locality", "Choose a Medicare locality."),
        ({"code": "99213", "locality": "bakersfield"}, "locality", "is not a Medicare locality: write &lt;MAC&gt;-"),
        ({"code": "99213", "locality": "10112-99"}, "locality", "The 2026 GPCI file has no Medicare locality 10112-99"),
        ({"code": "99213", "date": "03/02/2026"}, "date", "write the date of service as YYYY-MM-DD"),
        ({"code": "99213", "date": "2026-02-30"}, "date", "is not a date"),
    ],
)
def test_bad_input_is_explained_beside_its_field(client, fee_releases, params, field, message):
    response = get(client, **params)
    assert response.status_code == 400
    html = text(response)
    assert message in html.split(f'id="fee-{field}-error"')[1]
    assert 'id="fee-result"' not in html


def test_a_guest_sees_the_fee_with_metering_on_and_no_view_is_counted(client, fee_releases, metering):
    for _ in range(3):
        assert "$90.58" in text(get(client, code="99213"))
    assert not CodeView.objects.exists()
