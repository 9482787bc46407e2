import pytest
from django.core.management import call_command

from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sample_release(tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])


def test_a_code_page_shows_the_code_hierarchy_and_notes(page, live_server, sample_release):
    page.goto(f"{live_server.url}/codes/icd10cm/S13.4XXA")
    assert page.locator("h1").inner_text() == "S13.4XXA Sprain of ligaments of cervical spine, initial encounter"
    assert page.locator(".badge.billable").is_visible()
    # The stylesheet is served and applied: the code stands out in monospace.
    assert "monospace" in page.locator("h1 .code").evaluate("element => getComputedStyle(element).fontFamily")
    assert page.locator(".breadcrumbs").inner_text().split(" › ") == [
        "ICD-10-CM", "Chapter 19", "S10-S19", "S13", "S13.4"
    ]
    notes = page.locator(".notes")
    assert "Whiplash injury of cervical spine" in notes.inner_text()
    notes.get_by_role("link", name="S06.-").click()
    page.wait_for_url("**/codes/icd10cm/S06")
    assert page.locator("h1").inner_text().startswith("S06 Intracranial injury")


def test_the_7th_character_table_links_each_completed_code(page, live_server, sample_release):
    page.goto(f"{live_server.url}/codes/icd10cm/S13.4")
    rows = page.locator("table.seventh tbody tr")
    assert rows.count() == 3
    assert rows.nth(1).inner_text().split("\t") == ["D", "subsequent encounter", "S13.4XXD"]
    rows.nth(1).get_by_role("link").click()
    page.wait_for_url("**/codes/icd10cm/S13.4XXD")


def test_the_search_box_opens_a_code_typed_in_any_spelling(page, live_server, sample_release):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Search codes").fill("e119")
    page.keyboard.press("Enter")
    page.wait_for_url("**/codes/icd10cm/E11.9")
    assert "Type 2 diabetes mellitus without complications" in page.locator("h1").inner_text()


def test_an_invalid_code_offers_the_valid_one(page, live_server, sample_release):
    response = page.goto(f"{live_server.url}/codes/icd10cm/S13.4A")
    assert response.status == 404
    page.locator(".suggestions a").first.click()
    page.wait_for_url("**/codes/icd10cm/S13.4XXA")


def test_a_code_page_fits_a_phone_screen(phone_page, live_server, sample_release):
    phone_page.goto(f"{live_server.url}/codes/icd10cm/S13.4XXA")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert phone_page.locator("h1").is_visible()


@pytest.mark.official_data
def test_a_newcomer_reaches_the_official_code_pages(page, live_server, official_data_dir, settings):
    """What `make run` gives with CODINGDESK_DATA_DIR set: every code set loaded."""
    settings.CODINGDESK_DATA_DIR = official_data_dir
    call_command("codeset_import", "--all")
    expectations = {
        "/codes/icd10cm/E11.9": "Type 2 diabetes mellitus without complications",
        "/codes/icd10cm/S52.531A": "Colles' fracture of right radius, initial encounter for closed fracture",
        "/codes/icd10pcs/0FT44ZZ": "Resection of Gallbladder, Percutaneous Endoscopic Approach",
        "/codes/hcpcs/E0601": "Continuous positive airway pressure (cpap) device",
    }
    for path, title in expectations.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert title.lower() in page.locator("h1").inner_text().lower(), path
