"""The assistant in a real browser: the chat page and the code-page panel."""

import pytest

from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sample_release(tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])



def test_the_chat_page_answers_with_sources_and_keeps_the_conversation(page, live_server, alice):
    log_in(page, live_server, alice)
    page.get_by_role("link", name="Assistant").click()
    page.get_by_label("Your question").fill("How do I sequence sepsis with septic shock?")
    page.get_by_role("button", name="Ask").click()
    answer = page.locator(".turn.answer").last
    answer.wait_for()
    assert "R65.21" in answer.inner_text()
    assert "Sources:" in answer.inner_text()
    # The conversation is listed and a follow-up stays in it.
    assert page.locator(".conversation-list li").count() == 1
    page.get_by_label("Ask a follow-up").fill("And the guidelines for urosepsis?")
    page.get_by_role("button", name="Ask").click()
    page.locator(".turn.answer").nth(1).wait_for()
    assert page.locator(".turn").count() == 4


def test_the_code_page_panel_asks_with_the_code_as_context(page, live_server, alice, sample_release):
    log_in(page, live_server, alice)
    page.goto(f"{live_server.url}/codes/icd10cm/E11.9")
    panel = page.get_by_role("region", name="Have a question about E11.9?")
    panel.get_by_role("textbox").fill("Guidelines for diabetes type and complications")
    panel.get_by_role("button", name="Ask the assistant").click()
    page.locator(".turn.answer").wait_for()
    assert page.locator(".chat .meta").inner_text() == "About E11.9"
    assert "Sources:" in page.locator(".turn.answer").inner_text()
