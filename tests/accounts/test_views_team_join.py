import pytest
from django.urls import reverse

from codingdesk.accounts.services import team_invitation_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def charlie_link(team, alice, django_capture_on_commit_callbacks, join_token):
    with django_capture_on_commit_callbacks(execute=True):
        team_invitation_send(team=team, invited_by=alice, email="charlie@example.com")
    return reverse("accounts:team_join", kwargs={"token": join_token()})


def test_a_guest_is_sent_to_log_in_and_back(client, charlie_link):
    response = client.get(charlie_link)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={charlie_link}"


def test_the_invitee_sees_the_invitation_and_joins_with_a_post(client, charlie_link, charlie, team):
    client.force_login(charlie)
    html = client.get(charlie_link).content.decode()
    assert "Join Coders" in html
    charlie.refresh_from_db()
    assert charlie.team is None  # opening the link joins nothing
    response = client.post(charlie_link)
    assert response["Location"] == reverse("accounts:team")
    charlie.refresh_from_db()
    assert charlie.team == team


def test_someone_else_is_told_the_invitation_is_for_another_address(client, charlie_link, bob):
    client.force_login(bob)
    response = client.get(charlie_link)
    assert response.status_code == 403
    assert "This invitation was sent to charlie@example.com, but you are signed in as bob@example.com" in (
        response.content.decode()
    )
    assert client.post(charlie_link).status_code == 400


def test_an_unknown_or_used_link_is_a_404(client, charlie_link, charlie):
    client.force_login(charlie)
    client.post(charlie_link)
    response = client.get(charlie_link)
    assert response.status_code == 404
    assert "not valid or has already been used" in response.content.decode()
    assert client.get(reverse("accounts:team_join", kwargs={"token": "made-up"})).status_code == 404
