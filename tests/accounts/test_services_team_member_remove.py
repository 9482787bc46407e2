import pytest
from django.core.exceptions import ValidationError

from codingdesk.accounts.models import PlanName
from codingdesk.accounts.services import team_member_remove

pytestmark = pytest.mark.django_db


def test_the_owner_removes_a_member(team, alice, bob):
    team_member_remove(team=team, removed_by=alice, member=bob)
    bob.refresh_from_db()
    assert bob.team is None
    assert bob.effective_plan == PlanName.FREE


def test_a_member_cannot_remove_anyone(team, bob, alice):
    with pytest.raises(ValidationError, match="Only the team's owner"):
        team_member_remove(team=team, removed_by=bob, member=bob)


def test_the_owner_cannot_remove_themselves(team, alice):
    with pytest.raises(ValidationError, match="cannot be removed"):
        team_member_remove(team=team, removed_by=alice, member=alice)


def test_an_outsider_cannot_be_removed(team, alice, charlie):
    with pytest.raises(ValidationError, match="not in the team"):
        team_member_remove(team=team, removed_by=alice, member=charlie)
