import hashlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from codingdesk.accounts.models import TeamInvitation
from codingdesk.accounts.services import team_invitation_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(team, alice, django_capture_on_commit_callbacks):
    def send(email: str) -> TeamInvitation:
        with django_capture_on_commit_callbacks(execute=True):
            return team_invitation_send(team=team, invited_by=alice, email=email)

    mail.outbox.clear()
    return send


def test_it_emails_a_join_link_built_from_site_url(send, settings, join_token):
    settings.SITE_URL = "https://codes.example.org"
    send("dana@example.com")
    (message,) = mail.outbox
    assert message.to == ["dana@example.com"]
    assert "Coders" in message.subject
    assert f"https://codes.example.org/account/team/join/{join_token()}/" in message.body


def test_only_a_sha256_of_the_token_is_stored(send, join_token):
    invitation = send("dana@example.com")
    token = join_token()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(TeamInvitation.objects.values().get(pk=invitation.pk))


def test_each_invitation_gets_a_different_token(send, join_token):
    send("dana@example.com")
    send("erin@example.com")
    assert join_token(0) != join_token(1)


def test_it_refuses_an_address_already_in_the_team(send):
    with pytest.raises(ValidationError, match="already in the team"):
        send("BOB@example.com")
    with pytest.raises(ValidationError, match="already in the team"):
        send("alice@example.com")  # the owner
    assert mail.outbox == []


def test_it_refuses_when_the_seats_are_full_counting_the_owner(send, team):
    team.seats = 3  # alice and bob hold two
    team.save()
    send("dana@example.com")
    team.seats = 2
    team.save()
    with pytest.raises(ValidationError, match="All 2 seats"):
        send("erin@example.com")
    assert not TeamInvitation.objects.filter(email="erin@example.com").exists()


def test_inviting_an_address_again_replaces_the_pending_invitation(send):
    first = send("dana@example.com")
    second = send("dana@example.com")
    assert list(TeamInvitation.objects.filter(email="dana@example.com")) == [second]
    assert first.pk != second.pk


def test_only_the_owner_can_invite(team, bob):
    with pytest.raises(ValidationError, match="Only the team's owner"):
        team_invitation_send(team=team, invited_by=bob, email="dana@example.com")


def test_it_refuses_a_malformed_address(send):
    with pytest.raises(ValidationError):
        send("not an address")
