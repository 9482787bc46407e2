import pytest
from django.urls import reverse

from codingdesk.assistant.models import CodeDescription, DescriptionStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:assistant_codedescription_changelist"


@pytest.fixture
def staff(client):
    user = UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def draft(db):
    return CodeDescription.objects.create(
        system="icd10cm", code="E11.9", text="Draft text.", source="structured", release_version="2026"
    )


def act(client, action: str, *rows):
    return client.post(reverse(CHANGELIST), {"action": action, "_selected_action": [row.pk for row in rows]})


def test_approve_sets_the_status_and_the_reviewer(client, staff, draft):
    response = act(client, "approve", draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DescriptionStatus.APPROVED
    assert draft.reviewed_by == staff
    assert draft.reviewed_at is not None


def test_reject_sets_the_status_and_the_reviewer(client, staff, draft):
    act(client, "reject", draft)
    draft.refresh_from_db()
    assert (draft.status, draft.reviewed_by) == (DescriptionStatus.REJECTED, staff)


def test_staff_can_edit_the_text(client, staff, draft):
    url = reverse("admin:assistant_codedescription_change", args=[draft.pk])
    response = client.post(url, {"text": "Edited by staff."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.text == "Edited by staff."
    assert draft.status == DescriptionStatus.DRAFT


def test_the_list_filters_and_searches(client, staff, draft):
    response = client.get(reverse(CHANGELIST), {"q": "E11.9", "status__exact": "draft", "system__exact": "icd10cm"})
    assert response.status_code == 200
    assert "E11.9" in response.content.decode()


def test_members_cannot_reach_it(client, alice, draft):
    client.force_login(alice)
    response = act(client, "approve", draft)
    assert response.status_code == 302  # to the login page
    draft.refresh_from_db()
    assert draft.status == DescriptionStatus.DRAFT


def test_a_conversation_shows_its_messages(client, staff, alice):
    conversation = alice.conversations.create(title="Diabetes question")
    conversation.messages.create(role="user", text="What is E11.9?")
    url = reverse("admin:assistant_conversation_change", args=[conversation.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "What is E11.9?" in response.content.decode()
