"""The NCCI edits and MUE section of a HCPCS code page."""

import pytest

from codingdesk.codesets.services import code_release_import
from tests.codesets.fixture_files import staged

from .conftest import import_mue, import_ptp
from .ncci_files import mue_line, ptp_line

pytestmark = pytest.mark.django_db

HCPCS = staged({"hcpcs/october_2025_records.txt": "HCPC2025_OCT_ANWEB.txt"})["HCPC2025_OCT_ANWEB.txt"]


@pytest.fixture
def hcpcs_release():
    code_release_import(system="hcpcs", paths=[HCPCS])


@pytest.fixture
def edits(tmp_path, hcpcs_release):
    import_ptp(tmp_path / "ptp", [
        ptp_line("G0124", "36415", indicator="1"),
        ptp_line("99213", "G0124", indicator="0"),
        ptp_line("G0124", "88305", deletion="20260101"),  # deleted before the date
        ptp_line("G0124", "88300", indicator="9"),  # never applied
        ptp_line("J2780", "96372"),  # another code's edit
    ])
    import_mue(tmp_path / "mue", [mue_line("G0124", 1, mai="2")])


def page(client, code="G0124", **params):
    html = client.get(f"/codes/hcpcs/{code}", {"as_of": "2026-07-15", **params}).content.decode()
    return " ".join(html.split())


def test_it_lists_the_codes_edits_in_both_directions_on_the_date(client, edits):
    html = page(client)
    assert "2 edits in force on Jul 15, 2026, NCCI 32.2 (practitioner)" in html
    assert "36415" in html and "99213" in html
    assert "88305" not in html and "88300" not in html and "96372" not in html
    assert "0: no modifier allowed" in html and "1: an NCCI-associated modifier allowed" in html


def test_it_shows_the_mue_with_what_its_indicator_means(client, edits):
    html = page(client)
    assert "2: date of service edit, policy" in html
    assert "units above the MUE are not paid, even on appeal" in html
    assert html.count("No release loaded for this date.") == 2  # hospital and DME files not loaded


def test_a_date_before_every_release_says_which_data_is_missing(client, edits):
    html = page(client, as_of="2025-12-01")
    assert "No NCCI PTP edits, practitioner release is loaded for the date of service 2025-12-01" in html


def test_the_hospital_setting_reads_the_hospital_files(client, edits):
    assert "NCCI PTP edits, outpatient hospital release is loaded" in page(client, setting="hospital")


def test_guests_are_asked_to_register_for_edits(client, edits, metering):
    html = page(client)
    assert 'data-gated="edits"' in html
    assert "36415" not in html


def test_diagnosis_codes_have_no_edits_section(client, edits, tmp_path):
    from tests.codesets.icd10cm_sample import write_tabular

    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    assert 'id="edits"' not in client.get("/codes/icd10cm/E11.9").content.decode()


def test_many_edits_are_paginated(client, tmp_path, hcpcs_release):
    import_ptp(tmp_path / "ptp", [ptp_line("G0124", f"{80000 + number}") for number in range(60)])
    first = page(client)
    assert "Page 1 of 2" in first and "80049" in first and "80050" not in first
    second = page(client, edits_page=2)
    assert "80050" in second and "80059" in second
