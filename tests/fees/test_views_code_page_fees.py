"""The fee schedule section of a HCPCS code page: status, indicators, and
the payment in a picked locality."""

import pytest

from codingdesk.codesets.services import code_release_import
from codingdesk.fees.services import fee_release_import
from tests.codesets.fixture_files import staged

from .fee_files import GPCI_NAME, PPRRVU_NAME, gpci_text, pprrvu_text, write_text

pytestmark = pytest.mark.django_db

HCPCS = staged({"hcpcs/october_2025_records.txt": "HCPC2025_OCT_ANWEB.txt"})["HCPC2025_OCT_ANWEB.txt"]
# The 99213 row of the fixture, for G0124 (invented values, as every fixture row).
G0124_ROW = (
    "G0124,,TEST DESCRIPTOR TEN,A,,1.30,1.21,,0.55,,0.10,2.61,1.95,0,XXX,0.00,0.00,0.00,0,0,0,0,0,,"
    "33.4009,09,0,99,0.00,0.00,0.00"
)


@pytest.fixture
def fee_schedule(tmp_path):
    code_release_import(system="hcpcs", paths=[HCPCS])
    rvu_text = pprrvu_text().rstrip("\n").replace("\r\n", "\n") + "\n" + G0124_ROW + "\n"
    fee_release_import(dataset="gpci", paths=[write_text(tmp_path, gpci_text(), GPCI_NAME)])
    fee_release_import(dataset="rvu", paths=[write_text(tmp_path, rvu_text, PPRRVU_NAME)])


def page(client, code="G0124", **params):
    html = client.get(f"/codes/hcpcs/{code}", {"as_of": "2026-03-01", **params}).content.decode()
    return " ".join(html.split())


def test_it_explains_the_status_and_indicators_without_a_locality(client, fee_schedule):
    html = page(client)
    assert "Active code: paid separately under the physician fee schedule" in html
    assert "Choose a locality…" in html
    assert "ALABAMA (10112-00)" in html


def test_it_prices_the_code_in_the_picked_locality(client, fee_schedule):
    html = page(client, locality="01112-54")  # Bakersfield
    # [(1.30 x 1.019) + (1.21 x 1.096) + (0.10 x 0.609)] x 33.4009 = 2.71176 x 33.4009 = 90.575... -> $90.58
    assert "$90.58" in html
    # Facility: [(1.30 x 1.019) + (0.55 x 1.096) + (0.10 x 0.609)] x 33.4009 = 1.98840 x 33.4009 = 66.414... -> $66.41
    assert "$66.41" in html


def test_an_unknown_locality_is_explained(client, fee_schedule):
    assert "99999-99" in page(client, locality="99999-99")


def test_a_code_not_in_the_rvu_file_says_so(client, fee_schedule):
    assert "E0601 is not in the physician fee schedule RVU file 2026-A." in page(client, code="E0601")


def test_guests_are_asked_to_register_for_fees(client, fee_schedule, metering):
    html = page(client)
    assert 'data-gated="fees"' in html
    assert "Choose a locality" not in html
