import pytest
from django.urls import reverse

from codingdesk.accounts.models import PlanName, Team

pytestmark = pytest.mark.django_db

URL = reverse("accounts:team_create")


def test_a_team_plan_member_creates_a_team(client, alice):
    alice.plan = PlanName.TEAM
    alice.save()
    client.force_login(alice)
    response = client.post(URL, {"name": "Coders"})
    assert response["Location"] == reverse("accounts:team")
    team = Team.objects.get()
    assert (team.name, team.owner) == ("Coders", alice)


def test_a_free_member_is_refused_with_a_reason(client, charlie):
    client.force_login(charlie)
    response = client.post(URL, {"name": "Coders"})
    assert response.status_code == 400
    assert "Only members on the Team plan can create a team." in response.content.decode()
    assert not Team.objects.exists()


def test_a_name_is_required(client, alice):
    alice.plan = PlanName.TEAM
    alice.save()
    client.force_login(alice)
    assert client.post(URL, {"name": ""}).status_code == 400
    assert not Team.objects.exists()


def test_it_answers_get_with_405(client, alice):
    client.force_login(alice)
    assert client.get(URL).status_code == 405
