import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from codingdesk.accounts.models import PlanName, TeamInvitation
from codingdesk.accounts.services import team_create, team_invitation_accept, team_invitation_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(team, alice, django_capture_on_commit_callbacks, join_token):
    def invite(email: str) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            team_invitation_send(team=team, invited_by=alice, email=email)
        return join_token()

    return invite


def test_the_invited_address_joins_the_team(invite, charlie, team):
    token = invite("charlie@example.com")
    assert team_invitation_accept(user=charlie, token=token) == team
    charlie.refresh_from_db()
    assert charlie.team == team
    assert charlie.effective_plan == PlanName.TEAM
    assert TeamInvitation.objects.get(email="charlie@example.com").accepted_at is not None


def test_someone_signed_in_with_another_address_is_told_so(invite, charlie):
    token = invite("dana@example.com")
    with pytest.raises(ValidationError, match="sent to dana@example.com, but you are signed in as charlie@example.com"):
        team_invitation_accept(user=charlie, token=token)
    charlie.refresh_from_db()
    assert charlie.team is None


def test_an_unverified_address_is_not_enough(invite):
    dana = UserFactory(email="dana@example.com", verified=False)
    EmailAddress.objects.create(user=dana, email=dana.email, primary=True, verified=False)
    token = invite("dana@example.com")
    with pytest.raises(ValidationError, match="verify it"):
        team_invitation_accept(user=dana, token=token)


def test_a_verified_secondary_address_counts_whatever_its_case(invite, charlie, team):
    EmailAddress.objects.create(user=charlie, email="charlie.work@example.com", verified=True)
    token = invite("Charlie.Work@example.com")
    assert team_invitation_accept(user=charlie, token=token) == team


def test_a_link_works_once(invite, charlie):
    token = invite("charlie@example.com")
    team_invitation_accept(user=charlie, token=token)
    with pytest.raises(ValidationError, match="not valid or has already been used"):
        team_invitation_accept(user=charlie, token=token)


def test_an_unknown_token_is_refused(charlie, team):
    with pytest.raises(ValidationError, match="not valid"):
        team_invitation_accept(user=charlie, token="made-up")


def test_an_old_invitation_has_expired(invite, charlie):
    token = invite("charlie@example.com")
    TeamInvitation.objects.update(created_at=timezone.now() - datetime.timedelta(days=15))
    with pytest.raises(ValidationError, match="expired"):
        team_invitation_accept(user=charlie, token=token)


def test_it_refuses_when_the_seats_filled_up_after_the_invitation(invite, charlie, team):
    token = invite("charlie@example.com")
    team.seats = 2
    team.save()
    with pytest.raises(ValidationError, match="seats"):
        team_invitation_accept(user=charlie, token=token)


def test_an_owner_of_another_team_cannot_join(invite, charlie):
    charlie.plan = PlanName.TEAM
    charlie.save()
    team_create(owner=charlie, name="Charlie's")
    token = invite("charlie@example.com")
    charlie.refresh_from_db()
    with pytest.raises(ValidationError, match="own a team"):
        team_invitation_accept(user=charlie, token=token)
