"""Employers touch only their own company's postings: anyone else's is a 404,
whatever the page or button."""

import pytest
from django.test import Client
from django.urls import reverse

from codingdesk.jobs.models import PostingStatus

PAGES = ["employer_posting", "posting_edit"]
BUTTONS = ["posting_submit", "posting_renew", "posting_close", "posting_edit"]


@pytest.mark.parametrize("name", PAGES)
def test_another_employer_cannot_see_the_posting(client, other_employer_user, other_employer, draft_posting, name):
    client.force_login(other_employer_user)

    response = client.get(reverse(f"jobs:{name}", kwargs={"posting_id": draft_posting.pk}))

    assert response.status_code == 404


@pytest.mark.parametrize("name", BUTTONS)
def test_another_employer_cannot_change_the_posting(client, other_employer_user, other_employer, draft_posting, name):
    client.force_login(other_employer_user)

    response = client.post(reverse(f"jobs:{name}", kwargs={"posting_id": draft_posting.pk}), {"title": "Hijacked"})

    assert response.status_code == 404
    draft_posting.refresh_from_db()
    assert draft_posting.status == PostingStatus.DRAFT
    assert draft_posting.title != "Hijacked"


@pytest.mark.parametrize("name", PAGES)
def test_a_member_gets_403(client, alice, draft_posting, name):
    client.force_login(alice)

    assert client.get(reverse(f"jobs:{name}", kwargs={"posting_id": draft_posting.pk})).status_code == 403


@pytest.mark.parametrize("name", PAGES + ["employer_dashboard", "posting_create"])
def test_guests_are_sent_to_log_in(client, draft_posting, name):
    kwargs = {"posting_id": draft_posting.pk} if name in PAGES else {}

    response = client.get(reverse(f"jobs:{name}", kwargs=kwargs))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


FORMS = [
    ("jobs:employer_profile", False),
    ("jobs:posting_create", False),
    ("jobs:posting_edit", True),
    ("jobs:posting_submit", True),
    ("jobs:posting_renew", True),
    ("jobs:posting_close", True),
    ("jobs:posting_report", "pk"),
    ("jobs:moderation_approve", True),
    ("jobs:moderation_return", True),
]


@pytest.mark.parametrize("name, takes_id", FORMS)
def test_every_form_needs_a_csrf_token(employer_user, staff_user, published_posting, name, takes_id):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user if "moderation" in name else employer_user)
    kwargs = {"pk": published_posting.pk} if takes_id == "pk" else {"posting_id": published_posting.pk}

    response = client.post(reverse(name, kwargs=kwargs if takes_id else {}), {"title": "x", "note": "x"})

    assert response.status_code == 403
    published_posting.refresh_from_db()
    assert published_posting.status == PostingStatus.PUBLISHED
