import pytest

from codingdesk import search
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indexed(tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    search.index_rebuild()


def test_typeahead_results_can_be_picked_with_the_keyboard(page, live_server, indexed):
    requests = []
    page.on("request", lambda request: "typeahead" in request.url and requests.append(request.url))
    page.goto(f"{live_server.url}/")
    box = page.get_by_label("Search codes")
    box.press_sequentially("whiplash", delay=30)
    options = page.locator("#typeahead [role=option]")
    options.first.wait_for()
    assert "S13.4XXA" in options.first.inner_text()
    assert "whiplash → sprain of ligaments of cervical spine (eponym)" in options.first.inner_text()
    assert len(requests) < len("whiplash")  # debounced: not one request per keystroke
    box.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url("**/codes/icd10cm/S13.4XXA")


def test_escape_closes_the_list(page, live_server, indexed):
    page.goto(f"{live_server.url}/")
    box = page.get_by_label("Search codes")
    box.fill("diabetes")
    page.locator("#typeahead [role=option]").first.wait_for()
    box.press("Escape")
    assert page.locator("#typeahead [role=option]").count() == 0
