"""A sweep across every member page: charlie never sees anything alice keeps
(favorites, notes, search history, API keys, her team). Each feature's own
tests check its page in detail; this one makes sure no page leaks, including
pages added later (every argument-free URL under accounts: is visited)."""

import pytest
from django.urls import reverse

from codingdesk import search
from codingdesk.accounts.models import (
    ApiKey,
    CodeNote,
    FavoriteCode,
    PlanName,
    SearchHistoryEntry,
    Team,
    TeamInvitation,
)
from codingdesk.accounts.urls import urlpatterns as account_urlpatterns
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

# Strings that appear only in alice's things.
FAVORITE_CODE = "S06.369"
NOTE_TEXT = "alice-note-zq7 check the op report"
SEARCH_QUERY = "alice-query-zq7"
KEY_NAME = "alice-key-zq7"
KEY_ID = "alicezq7keyid01"
TEAM_NAME = "Alice Team zq7"
INVITEE = "invitee-zq7@example.com"
ALICE_NAME = "Alice Zq7 Liddell"

# Which of alice's things each page must show to her: the check that the
# page really lists things, so that charlie not seeing them means something.
PAGES_AND_WHAT_ALICE_SEES = {
    "accounts:profile": [ALICE_NAME, TEAM_NAME],
    "accounts:favorite_list": [FAVORITE_CODE],
    "accounts:code_note_list": [NOTE_TEXT],
    "accounts:search_history": [SEARCH_QUERY],
    "accounts:api_key_list": [KEY_NAME, KEY_ID],
    "accounts:team": [TEAM_NAME, INVITEE],
}
EVERYTHING_OF_ALICES = [
    FAVORITE_CODE, NOTE_TEXT, SEARCH_QUERY, KEY_NAME, KEY_ID, TEAM_NAME, INVITEE, ALICE_NAME, "alice@example.com",
]
LIST_PAGES = sorted(
    f"accounts:{pattern.name}" for pattern in account_urlpatterns if not pattern.pattern.regex.groupindex
)


@pytest.fixture
def alices_things(alice, tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    search.index_rebuild()
    alice.name = ALICE_NAME
    alice.plan = PlanName.TEAM
    alice.save()
    FavoriteCode.objects.create(user=alice, system="icd10cm", code=FAVORITE_CODE)
    CodeNote.objects.create(user=alice, system="icd10cm", code=FAVORITE_CODE, text=NOTE_TEXT)
    SearchHistoryEntry.objects.create(user=alice, query=SEARCH_QUERY)
    ApiKey.objects.create(user=alice, name=KEY_NAME, key_id=KEY_ID, key_hash="0" * 64)
    team = Team.objects.create(owner=alice, name=TEAM_NAME)
    TeamInvitation.objects.create(team=team, email=INVITEE, token_hash="1" * 64, invited_by=alice)
    return alice


def test_the_sweep_visits_every_list_page():
    assert set(PAGES_AND_WHAT_ALICE_SEES) <= set(LIST_PAGES)


@pytest.mark.parametrize("name", LIST_PAGES)
def test_charlie_sees_nothing_of_alices_on_any_account_page(client, alices_things, charlie, name):
    client.force_login(charlie)
    response = client.get(reverse(name))
    html = response.content.decode()
    leaked = [thing for thing in EVERYTHING_OF_ALICES if thing in html]
    assert leaked == []
    assert 'aria-pressed="true"' not in html  # charlie has no favorites to star


@pytest.mark.parametrize("name", sorted(PAGES_AND_WHAT_ALICE_SEES))
def test_alice_sees_her_own_things_on_the_same_pages(client, alices_things, name):
    client.force_login(alices_things)
    html = client.get(reverse(name)).content.decode()
    assert [thing for thing in PAGES_AND_WHAT_ALICE_SEES[name] if thing not in html] == []


def code_page(client) -> str:
    url = reverse("codesets:code_detail", kwargs={"system": "icd10cm", "code": FAVORITE_CODE})
    return client.get(url).content.decode()


def test_charlie_sees_neither_alices_note_nor_her_star_on_the_code_page(client, alices_things, charlie):
    client.force_login(charlie)
    html = code_page(client)
    assert NOTE_TEXT not in html
    assert 'aria-pressed="true"' not in html
    assert 'aria-pressed="false"' in html


def test_alice_sees_her_note_and_star_on_the_code_page(client, alices_things):
    client.force_login(alices_things)
    html = code_page(client)
    assert NOTE_TEXT in html
    assert 'aria-pressed="true"' in html


def test_charlie_sees_no_star_of_alices_in_search_results(client, alices_things, charlie):
    client.force_login(charlie)
    html = client.get(reverse("search:results"), {"q": "traumatic hemorrhage of cerebrum"}).content.decode()
    assert FAVORITE_CODE in html
    assert 'aria-pressed="true"' not in html


def test_charlie_cannot_revoke_alices_api_key(client, alices_things, charlie):
    client.force_login(charlie)
    response = client.post(reverse("accounts:api_key_revoke", kwargs={"key_id": KEY_ID}))
    assert response.status_code == 404
    assert ApiKey.objects.get(key_id=KEY_ID).revoked_at is None


def test_charlie_cannot_invite_people_to_alices_team(client, alices_things, charlie):
    client.force_login(charlie)
    response = client.post(reverse("accounts:team_invite"), {"email": "mallory@example.com"})
    assert response.status_code == 404
    assert not TeamInvitation.objects.filter(email="mallory@example.com").exists()
