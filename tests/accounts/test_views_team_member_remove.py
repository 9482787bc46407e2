import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("accounts:team_member_remove")


def test_the_owner_removes_a_member(client, team, alice, bob):
    client.force_login(alice)
    response = client.post(URL, {"member": bob.pk}, follow=True)
    assert "bob@example.com is no longer in Coders." in response.content.decode()
    bob.refresh_from_db()
    assert bob.team is None


def test_the_owner_cannot_remove_themselves(client, team, alice):
    client.force_login(alice)
    response = client.post(URL, {"member": alice.pk}, follow=True)
    assert "cannot be removed" in response.content.decode()
    alice.refresh_from_db()
    assert alice.team == team


@pytest.mark.parametrize("member", ["", "abc", "²", "999999"])
def test_someone_not_in_the_team_is_a_404(client, team, alice, member):
    client.force_login(alice)
    assert client.post(URL, {"member": member}).status_code == 404


def test_a_member_cannot_remove_anyone(client, team, alice, bob):
    client.force_login(bob)
    assert client.post(URL, {"member": bob.pk}).status_code == 404
    bob.refresh_from_db()
    assert bob.team == team


def test_charlie_cannot_remove_alices_members(client, team, bob, charlie):
    client.force_login(charlie)
    assert client.post(URL, {"member": bob.pk}).status_code == 404
    bob.refresh_from_db()
    assert bob.team == team
