"""Fixtures for the member pages: a release with codes to star and annotate,
and alice's team with bob in it."""

import pytest
from django.core import mail

from codingdesk.accounts import services
from codingdesk.accounts.models import PlanName
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular


@pytest.fixture
def sample_release(db, tmp_path):
    """The small ICD-10-CM release: E11.9, E15, S06.369, S13.4XXA and others."""
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    return outcome.release


def _join_token(index: int = -1) -> str:
    body = mail.outbox[index].body
    return body.split("/account/team/join/", 1)[1].split("/", 1)[0]


@pytest.fixture
def join_token():
    """Reads the token from the join link of the last (or index-th) invitation email."""
    return _join_token


@pytest.fixture
def team(alice, bob, django_capture_on_commit_callbacks):
    """Alice (Team plan) owns "Coders"; bob has joined it; charlie is outside."""
    alice.plan = PlanName.TEAM
    alice.save()
    team = services.team_create(owner=alice, name="Coders")
    with django_capture_on_commit_callbacks(execute=True):
        services.team_invitation_send(team=team, invited_by=alice, email=bob.email)
    services.team_invitation_accept(user=bob, token=_join_token())
    alice.refresh_from_db()
    bob.refresh_from_db()
    return team
