import pytest

from codingdesk.accounts.models import Plan, PlanName
from codingdesk.assistant.models import Conversation, Message
from codingdesk.assistant.services import (
    NO_CITATION_NOTE,
    AssistantInputError,
    AssistantQuotaExceeded,
    assistant_ask,
)

pytestmark = pytest.mark.django_db

SEPSIS = "How do I sequence sepsis with septic shock?"


def test_it_answers_with_sources_and_saves_both_turns(alice):
    answer = assistant_ask(user=alice, text=SEPSIS)
    assert "R65.21" in answer.text
    assert "**Sources:**\n1. ICD-10-CM Official Guidelines" in answer.text
    assert answer.citations[0]["source_kind"] == "guideline"
    conversation = Conversation.objects.get()
    assert (conversation.user, conversation.title) == (alice, SEPSIS)
    assert [message.role for message in conversation.messages.all()] == ["user", "assistant"]


def test_a_follow_up_continues_the_conversation(alice):
    first = assistant_ask(user=alice, text=SEPSIS)
    second = assistant_ask(user=alice, text="And the guidelines for urosepsis?", conversation_id=first.conversation_id)
    assert second.conversation_id == first.conversation_id
    assert Message.objects.filter(conversation_id=first.conversation_id).count() == 4


@pytest.mark.parametrize("text, problem", [("", "empty"), ("   ", "empty"), ("x" * 4001, "at most 4,000 characters")])
def test_bad_questions_are_refused(alice, text, problem):
    with pytest.raises(AssistantInputError, match=problem):
        assistant_ask(user=alice, text=text)
    assert not Message.objects.exists()


def test_another_members_conversation_cannot_be_continued(alice, charlie):
    first = assistant_ask(user=alice, text=SEPSIS)
    with pytest.raises(AssistantInputError, match="no conversation"):
        assistant_ask(user=charlie, text="more?", conversation_id=first.conversation_id)
    with pytest.raises(AssistantInputError, match="no conversation"):
        assistant_ask(user=alice, text="more?", conversation_id=999999)


def test_an_answer_without_sources_is_marked(alice):
    answer = assistant_ask(user=alice, text="hello there")
    assert answer.kind == "decline"  # nothing to cite, nothing claimed
    assert NO_CITATION_NOTE not in answer.text


def test_the_daily_quota_of_the_plan_applies(alice, metering):
    Plan.objects.filter(name=PlanName.FREE).update(assistant_questions_per_day=2)
    assistant_ask(user=alice, text=SEPSIS)
    assistant_ask(user=alice, text=SEPSIS)
    with pytest.raises(AssistantQuotaExceeded, match="2 assistant questions a day"):
        assistant_ask(user=alice, text=SEPSIS)
