import pytest
from django.urls import reverse

from codingdesk.accounts.models import PlanName

pytestmark = pytest.mark.django_db

URL = reverse("accounts:team")


def test_a_guest_is_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


def test_a_member_on_another_plan_learns_how_teams_work(client, charlie):
    client.force_login(charlie)
    html = client.get(URL).content.decode()
    assert "You are not in a team" in html
    assert 'href="/account/#plan"' in html
    assert reverse("accounts:team_create") not in html


def test_a_team_plan_member_without_a_team_is_offered_to_create_one(client, charlie):
    charlie.plan = PlanName.TEAM
    charlie.save()
    client.force_login(charlie)
    html = client.get(URL).content.decode()
    assert f'action="{reverse("accounts:team_create")}"' in html


def test_the_owner_sees_members_seats_invitations_and_remove_buttons(
    client, team, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:team_invite"), {"email": "dana@example.com"})
    html = client.get(URL).content.decode()
    assert "<h1>Coders</h1>" in html
    assert "2 of 5 seats taken" in html
    assert "bob@example.com" in html and "alice@example.com" in html
    assert "dana@example.com" in html  # waiting to join
    assert f'action="{reverse("accounts:team_invite")}"' in html
    assert html.count(f'action="{reverse("accounts:team_member_remove")}"') == 1  # bob's; not alice's own


def test_a_member_sees_the_team_but_cannot_manage_it(client, team, bob):
    client.force_login(bob)
    html = client.get(URL).content.decode()
    assert "<h1>Coders</h1>" in html
    assert "alice@example.com" in html
    assert reverse("accounts:team_invite") not in html
    assert reverse("accounts:team_member_remove") not in html


def test_charlie_does_not_see_alices_team(client, team, charlie):
    client.force_login(charlie)
    html = client.get(URL).content.decode()
    assert "Coders" not in html
    assert "bob@example.com" not in html
