"""A member's own things in a real browser: the htmx star, a private note,
search history. Also proves the strict CSP leaves htmx working."""

import pytest

from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sample_release(tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])



def test_a_member_stars_a_code_keeps_a_note_and_finds_their_search(page, live_server, sample_release, alice):
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    log_in(page, live_server, alice)

    page.goto(f"{live_server.url}/codes/icd10cm/E11.9")
    star = page.locator(".favorite-star button")
    assert star.get_attribute("aria-pressed") == "false"
    star.click()
    # htmx swaps the star in place once the server answers.
    page.locator('.favorite-star button[aria-pressed="true"]').wait_for()
    assert page.url.endswith("/codes/icd10cm/E11.9")  # swapped in place by htmx, no reload

    page.get_by_label("My note on E11.9").fill("Check the A1C in the chart first.")
    page.get_by_role("button", name="Save note").click()
    page.wait_for_url("**/codes/icd10cm/E11.9")
    assert page.get_by_label("My note on E11.9").input_value() == "Check the A1C in the chart first."

    page.goto(f"{live_server.url}/account/favorites/")
    assert page.get_by_role("link", name="E11.9").is_visible()

    page.goto(f"{live_server.url}/search?q=diabetes")
    page.goto(f"{live_server.url}/account/history/")
    assert "diabetes" in page.locator("main").inner_text()
    assert not [error for error in console_errors if "Content Security Policy" in error]
