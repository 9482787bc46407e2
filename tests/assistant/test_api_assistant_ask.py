import pytest

from codingdesk.accounts.api_keys import api_key_create
from codingdesk.accounts.models import Plan, PlanName

pytestmark = pytest.mark.django_db

URL = "/api/v1/assistant/ask"


@pytest.fixture
def key(alice):
    return api_key_create(user=alice, name="test")[1]


def ask(client, key, **payload):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.post(URL, payload, content_type="application/json", headers=headers)


def test_it_answers_with_codes_citations_and_a_conversation(client, key):
    response = ask(client, key, question="How do I sequence sepsis with septic shock?")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"answer", "kind", "codes", "citations", "follow_up_questions", "conversation_id"}
    assert body["citations"][0]["source_kind"] == "guideline"
    assert {"code", "system", "title", "valid"} <= set(body["codes"][0])


@pytest.mark.parametrize("question, problem", [("", "empty"), ("x" * 4001, "4,000")])
def test_bad_questions_get_400(client, key, question, problem):
    response = ask(client, key, question=question)
    assert response.status_code == 400
    assert problem in response.json()["detail"]


def test_an_unknown_or_foreign_conversation_gets_400(client, key, charlie):
    charlie_key = api_key_create(user=charlie, name="c")[1]
    first = ask(client, key, question="guidelines for urosepsis").json()
    response = ask(client, charlie_key, question="more", conversation_id=first["conversation_id"])
    assert response.status_code == 400
    assert "no conversation" in response.json()["detail"]


def test_guests_are_asked_for_a_key(client):
    response = ask(client, None, question="guidelines for urosepsis")
    assert response.status_code == 403


def test_over_the_daily_quota_is_429_with_retry_after(client, key, metering):
    Plan.objects.filter(name=PlanName.FREE).update(assistant_questions_per_day=0)
    response = ask(client, key, question="guidelines for urosepsis")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
