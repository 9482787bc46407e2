import pytest
from django.core import mail
from django.urls import reverse

from codingdesk.accounts.models import TeamInvitation

pytestmark = pytest.mark.django_db

URL = reverse("accounts:team_invite")


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def post(data):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, data)

    return post


def test_the_owner_invites_by_email(client, post, team, alice):
    client.force_login(alice)
    response = post({"email": "dana@example.com"})
    assert response["Location"] == reverse("accounts:team")
    assert TeamInvitation.objects.filter(team=team, email="dana@example.com", accepted_at=None).exists()
    assert [message.to for message in mail.outbox] == [["dana@example.com"]]


def test_full_seats_are_explained(client, post, team, alice):
    team.seats = 2
    team.save()
    client.force_login(alice)
    response = post({"email": "dana@example.com"})
    assert response.status_code == 400
    assert "All 2 seats of Coders are taken" in response.content.decode()
    assert mail.outbox == []


def test_an_address_already_in_the_team_is_explained(client, post, team, alice):
    client.force_login(alice)
    response = post({"email": "bob@example.com"})
    assert response.status_code == 400
    assert "bob@example.com is already in the team." in response.content.decode()


def test_a_member_who_is_not_the_owner_gets_a_404(client, post, team, bob):
    client.force_login(bob)
    assert post({"email": "dana@example.com"}).status_code == 404
    assert not TeamInvitation.objects.filter(email="dana@example.com").exists()


def test_charlie_cannot_invite_to_alices_team(client, post, team, charlie):
    client.force_login(charlie)
    assert post({"email": "dana@example.com"}).status_code == 404
    assert mail.outbox == []
