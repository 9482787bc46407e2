import pytest
from django.core.exceptions import ValidationError

from codingdesk.accounts.models import PlanName, Team
from codingdesk.accounts.services import team_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_on_team_plan(alice):
    alice.plan = PlanName.TEAM
    alice.save()
    return alice


def test_a_team_plan_member_creates_a_team_and_takes_a_seat(alice_on_team_plan, settings):
    settings.TEAM_DEFAULT_SEATS = 7
    team = team_create(owner=alice_on_team_plan, name=" Coders ")
    alice_on_team_plan.refresh_from_db()
    assert (team.name, team.owner, team.seats) == ("Coders", alice_on_team_plan, 7)
    assert alice_on_team_plan.team == team


def test_a_member_on_another_plan_cannot_create_one(alice):
    with pytest.raises(ValidationError, match="Only members on the Team plan"):
        team_create(owner=alice, name="Coders")
    assert not Team.objects.exists()


def test_an_owner_cannot_create_a_second_team(alice_on_team_plan):
    team_create(owner=alice_on_team_plan, name="Coders")
    with pytest.raises(ValidationError, match="already have a team"):
        team_create(owner=alice_on_team_plan, name="More coders")
    assert Team.objects.count() == 1


def test_a_member_of_a_team_cannot_create_one(team, bob):
    bob.plan = PlanName.TEAM
    bob.save()
    with pytest.raises(ValidationError, match="already a member of a team"):
        team_create(owner=bob, name="Breakaway")


def test_a_team_needs_a_name(alice_on_team_plan):
    with pytest.raises(ValidationError, match="name"):
        team_create(owner=alice_on_team_plan, name="  ")
