import json

import pytest

from codingdesk.accounts.api_keys import api_key_create
from codingdesk.accounts.models import Plan, PlanName
from codingdesk.assistant.models import Message, MessageRole

pytestmark = pytest.mark.django_db

URL = "/api/v1/assistant/ask/stream"
SEPSIS = "How do I sequence sepsis with septic shock?"


@pytest.fixture
def key(alice):
    return api_key_create(user=alice, name="test")[1]


def ask(client, key, **payload):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.post(URL, payload, content_type="application/json", headers=headers)


def events(response) -> list[tuple[str, dict]]:
    body = b"".join(response.streaming_content).decode()
    found = []
    for block in filter(None, body.split("\n\n")):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        found.append((lines["event"], json.loads(lines["data"])))
    return found


def test_it_streams_tokens_then_the_saved_answer(client, key):
    response = ask(client, key, question=SEPSIS)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    *tokens, (last, done) = events(response)
    assert last == "done" and {name for name, _ in tokens} == {"token"}
    message = Message.objects.get(role=MessageRole.ASSISTANT)
    assert "".join(data["text"] for _, data in tokens) == message.text
    assert set(done) == {
        "message_id", "conversation_id", "conversation_url", "kind", "html", "codes", "citations",
        "follow_up_questions",
    }
    assert (done["message_id"], done["conversation_id"]) == (message.pk, message.conversation_id)
    assert done["citations"][0]["source_kind"] == "guideline"


def test_a_bad_question_is_400_before_the_stream(client, key):
    response = ask(client, key, question="")
    assert response.status_code == 400
    assert "empty" in response.json()["detail"]


def test_a_foreign_conversation_is_400_before_the_stream(client, key, charlie):
    charlie_key = api_key_create(user=charlie, name="c")[1]
    first = events(ask(client, key, question="guidelines for urosepsis"))[-1][1]
    response = ask(client, charlie_key, question="more", conversation_id=first["conversation_id"])
    assert response.status_code == 400
    assert "no conversation" in response.json()["detail"]


def test_over_the_daily_quota_is_429_with_retry_after(client, key, metering):
    Plan.objects.filter(name=PlanName.FREE).update(assistant_questions_per_day=1)
    assert ask(client, key, question=SEPSIS).status_code == 200
    response = ask(client, key, question=SEPSIS)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "renew at midnight" in response.json()["detail"]


def test_a_half_code_context_is_400_before_the_stream(client, key):
    response = ask(client, key, question=SEPSIS, code_context={"system": "icd10cm"})
    assert response.status_code == 400
    assert "code_context" in response.json()["detail"]


def test_guests_are_asked_for_a_key(client):
    response = ask(client, None, question=SEPSIS)
    assert response.status_code == 403
    assert "API key" in response.json()["detail"]
    assert not Message.objects.exists()
