"""A CPT code named only in the public CMS files has a page without a descriptor."""

import pytest

from codingdesk.fees.services import fee_release_import
from tests.edits.conftest import import_mue
from tests.edits.ncci_files import mue_line
from tests.fees.fee_files import GPCI_NAME, PPRRVU_NAME, gpci_text, pprrvu_text, write_text

from .cpt_files import import_cpt

pytestmark = pytest.mark.django_db


@pytest.fixture
def cms_files(tmp_path):
    fee_release_import(dataset="gpci", paths=[write_text(tmp_path, gpci_text(), GPCI_NAME)])
    fee_release_import(dataset="rvu", paths=[write_text(tmp_path, pprrvu_text(), PPRRVU_NAME)])
    import_mue(tmp_path / "mue", [mue_line("99213", 1, mai="3"), mue_line("20610", 2, mai="1")])


def page(client, code, **params):
    response = client.get(f"/codes/cpt/{code}", {"as_of": "2026-07-15", **params})
    return response, " ".join(response.content.decode().split())


def test_a_code_in_the_rvu_file_has_a_page_with_its_public_data(client, cms_files):
    response, html = page(client, "99213")
    assert response.status_code == 200
    assert "CPT descriptors require a CPT licence" in html
    assert "TEST DESCRIPTOR ONE" not in html  # the RVU file's descriptor is never shown
    assert "Active code: paid separately" in html
    assert "3: date of service edit, clinical" in html


def test_a_code_only_in_an_mue_file_has_a_page(client, cms_files):
    response, html = page(client, "20610")
    assert response.status_code == 200
    assert "1: claim line edit" in html


def test_a_code_in_no_file_is_not_found(client, cms_files):
    assert page(client, "12345")[0].status_code == 404


def test_a_code_of_an_imported_cpt_file_keeps_its_normal_page(client, cms_files, tmp_path):
    import_cpt(tmp_path / "CPT2026")
    response, html = page(client, "10001")
    assert response.status_code == 200
    assert "CPT code</span>" not in html


def test_the_public_page_is_metered_like_any_code_page(client, cms_files, metering):
    assert 'data-views-remaining="0"' in page(client, "99213")[1]
    assert 'data-metering="exhausted"' in page(client, "20610")[1]
