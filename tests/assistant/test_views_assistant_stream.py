import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from codingdesk.accounts.models import Plan, PlanName
from codingdesk.assistant.models import Conversation, Message, MessageRole
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

URL = reverse("assistant:stream")
SEPSIS = "How do I sequence sepsis with septic shock?"


def events(response) -> list[tuple[str, dict]]:
    """The (name, data) of each Server-Sent Event in a streamed response."""
    body = b"".join(response.streaming_content).decode()
    found = []
    for block in filter(None, body.split("\n\n")):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        found.append((lines["event"], json.loads(lines["data"])))
    return found


def ask(client, **data):
    return client.post(URL, data)


def test_it_streams_the_answer_word_by_word_then_the_saved_message(client, alice):
    client.force_login(alice)
    response = ask(client, question=SEPSIS)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert (response["Cache-Control"], response["X-Accel-Buffering"]) == ("no-cache", "no")
    *tokens, (last, done) = events(response)
    assert last == "done" and len(tokens) > 10
    assert {name for name, _ in tokens} == {"token"}
    message = Message.objects.get(role=MessageRole.ASSISTANT)
    assert "".join(data["text"] for _, data in tokens) == message.text
    assert (done["message_id"], done["conversation_id"]) == (message.pk, message.conversation_id)
    assert done["conversation_url"] == reverse("assistant:conversation", args=[message.conversation_id])
    assert "<strong>Sources:</strong>" in done["html"] and "R65.21" in done["html"]
    assert done["citations"] == message.citations and done["codes"] == message.codes
    assert done["follow_up_questions"] == message.follow_up_questions


def test_a_follow_up_continues_the_conversation(client, alice):
    client.force_login(alice)
    first = events(ask(client, question=SEPSIS))[-1][1]
    done = events(ask(client, question="And urosepsis?", conversation_id=first["conversation_id"]))[-1][1]
    assert done["conversation_id"] == first["conversation_id"]
    assert Conversation.objects.get().messages.count() == 4


def test_the_llm_engine_streams_its_checked_text_and_the_verified_answer_is_saved(client, alice, chat_stub, tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    chat_stub.reply = "E11.9 is type 2 diabetes [1]; never E11.99 here."
    client.force_login(alice)
    *tokens, (last, done) = events(ask(client, question="What is E11.9?"))
    streamed = "".join(data["text"] for _, data in tokens)
    assert last == "done" and "E11.99" not in streamed
    message = Message.objects.get(pk=done["message_id"])
    assert message.engine == "llm"
    assert message.text.startswith(streamed) and "**Sources:**" in message.text
    assert "**Sources:**" not in streamed


@pytest.mark.parametrize("question, problem", [(" ", "empty"), ("x" * 4001, "4,000")])
def test_a_bad_question_is_an_error_event(client, alice, question, problem):
    client.force_login(alice)
    [(name, data)] = events(ask(client, question=question))
    assert name == "error" and problem in data["detail"]
    assert not Message.objects.exists()


def test_another_members_conversation_is_an_error_event(client, alice, charlie):
    conversation = Conversation.objects.create(user=alice, title="mine")
    client.force_login(charlie)
    [(name, data)] = events(ask(client, question="more", conversation_id=conversation.pk))
    assert name == "error" and "no conversation" in data["detail"]
    assert not conversation.messages.exists()


def test_over_the_daily_quota_is_an_error_event(client, alice, metering):
    Plan.objects.filter(name=PlanName.FREE).update(assistant_questions_per_day=0)
    client.force_login(alice)
    [(name, data)] = events(ask(client, question=SEPSIS))
    assert name == "error" and "renew at midnight" in data["detail"]


def test_csrf_is_enforced_and_the_header_token_is_accepted(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(URL, {"question": SEPSIS}).status_code == 403
    page = client.get(reverse("assistant:chat")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(URL, {"question": SEPSIS}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert events(response)[-1][0] == "done"


def test_guests_are_sent_to_log_in(client):
    assert client.post(URL, {"question": SEPSIS})["Location"].startswith(reverse("account_login"))


def test_it_only_takes_post(client, alice):
    client.force_login(alice)
    assert client.get(URL).status_code == 405


def test_the_chat_form_knows_where_to_stream(client, alice):
    client.force_login(alice)
    html = client.get(reverse("assistant:chat")).content.decode()
    assert f'data-stream-url="{URL}"' in html and "codingdesk/assistant" in html
