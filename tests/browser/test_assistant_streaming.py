"""The chat page's answers stream in (assistant.js reading Server-Sent
Events from /assistant/stream/), with no full page load and no CSP errors."""

import re

import pytest

from codingdesk.assistant.models import Message, MessageRole
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEPSIS = "How do I sequence sepsis with septic shock?"
# Sanity bound only: the 500 ms target for the first token is for a benchmark, not a test.
FIRST_TOKEN_BOUND_MS = 2000

# Records when a form is submitted and when answer text first shows in the page.
TIMER = """() => {
  window.timing = {};
  document.addEventListener("submit", () => { window.timing.submit = performance.now(); }, true);
  new MutationObserver(() => {
    const text = document.querySelector(".turns .turn:not(.question) .answer-text");
    if (window.timing.submit && !window.timing.firstToken && text && text.textContent.trim()) {
      window.timing.firstToken = performance.now();
      // False when the whole answer came in one network read (the grounded engine is fast):
      // then the tokens and the final HTML are drawn in one go.
      window.timing.streamed = text.closest(".turn").classList.contains("streaming");
    }
  }).observe(document.querySelector(".turns"), { childList: true, subtree: true, characterData: true });
  window.notReloaded = true;
}"""


@pytest.fixture
def console_problems(page):
    """Errors in the console and uncaught ones; not the 404 for /favicon.ico, which the site does not have."""
    problems = []

    def on_console(message):
        if message.type in ("error", "warning") and "favicon" not in (message.location or {}).get("url", ""):
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_an_answer_streams_in_without_a_page_load(page, live_server, alice, console_problems):
    log_in(page, live_server, alice)
    page.goto(f"{live_server.url}/assistant/")
    page.evaluate(TIMER)
    page.get_by_label("Your question").fill(SEPSIS)
    page.get_by_role("button", name="Ask").click()
    answer = page.locator(".turn.answer")
    answer.wait_for()

    message = Message.objects.get(role=MessageRole.ASSISTANT)
    page.wait_for_url(re.compile(rf"/assistant/{message.conversation_id}/#message-{message.pk}$"))
    assert page.evaluate("window.notReloaded") is True
    assert answer.get_attribute("id") == f"message-{message.pk}"
    assert answer.locator("strong", has_text="Sources:").count() == 1
    assert answer.locator("ol li").count() >= 1  # the Sources list, as the server's HTML
    assert page.locator(".turn.question").inner_text() == SEPSIS
    assert page.locator(".conversation-list li[aria-current=page]").inner_text() == SEPSIS[:60]

    timing = page.evaluate("window.timing")
    first_token_ms = timing["firstToken"] - timing["submit"]
    print(f"\nfirst streamed token in the DOM {first_token_ms:.0f} ms after submit (streamed: {timing['streamed']})")
    assert first_token_ms < FIRST_TOKEN_BOUND_MS
    assert not [problem for problem in console_problems if "Content Security Policy" in problem]
    assert console_problems == []


def test_a_follow_up_streams_into_the_same_conversation(page, live_server, alice, console_problems):
    log_in(page, live_server, alice)
    page.goto(f"{live_server.url}/assistant/")
    page.evaluate("() => { window.notReloaded = true; }")
    page.get_by_role("button", name="Guidelines for E/M services").click()
    page.locator(".turn.answer").wait_for()
    page.get_by_label("Ask a follow-up").fill(SEPSIS)
    page.get_by_role("button", name="Ask").click()
    page.locator(".turn.answer").nth(1).wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert page.locator(".turn").count() == 4
    assert Message.objects.values("conversation").distinct().count() == 1
    assert console_problems == []


def test_an_error_is_shown_and_the_question_kept(page, live_server, alice, console_problems):
    log_in(page, live_server, alice)
    page.goto(f"{live_server.url}/assistant/")
    page.get_by_label("Your question").fill("x" * 4000)
    # Past the textarea's maxlength: only a script could send it, so change the value directly.
    page.evaluate("() => { document.getElementById('question').value = 'y'.repeat(4001); }")
    page.get_by_role("button", name="Ask").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "4,000 characters" in alert.inner_text()
    assert len(page.get_by_label("Your question").input_value()) == 4001
    assert not Message.objects.exists()
