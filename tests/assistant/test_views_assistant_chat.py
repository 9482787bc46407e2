import pytest
from django.urls import reverse

from codingdesk.assistant.models import Conversation

pytestmark = pytest.mark.django_db


def test_guests_are_sent_to_log_in(client):
    assert client.get(reverse("assistant:chat"))["Location"].startswith(reverse("account_login"))


def test_the_chat_page_offers_example_questions(client, alice):
    client.force_login(alice)
    html = client.get(reverse("assistant:chat")).content.decode()
    assert "What is CPT code 99213?" in html and "Guidelines for E/M services" in html


def test_asking_saves_the_conversation_and_shows_the_cited_answer(client, alice):
    client.force_login(alice)
    response = client.post(reverse("assistant:ask"), {"question": "How do I sequence sepsis with septic shock?"})
    conversation = Conversation.objects.get()
    assert response["Location"].startswith(reverse("assistant:conversation", args=[conversation.pk]))
    html = client.get(reverse("assistant:conversation", args=[conversation.pk])).content.decode()
    assert "<strong>Sources:</strong>" in html and "R65.21" in html


def test_a_member_cannot_open_another_members_conversation(client, alice, charlie):
    conversation = Conversation.objects.create(user=alice, title="mine")
    client.force_login(charlie)
    assert client.get(reverse("assistant:conversation", args=[conversation.pk])).status_code == 404


def test_an_empty_question_is_explained(client, alice):
    client.force_login(alice)
    response = client.post(reverse("assistant:ask"), {"question": " "}, follow=True)
    assert "Ask a question: the question is empty." in response.content.decode()
