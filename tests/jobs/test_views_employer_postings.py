import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from codingdesk.jobs.models import JobPosting, PostingStatus

CREATE_URL = reverse("jobs:posting_create")


@pytest.fixture
def form_data():
    return {
        "title": "Outpatient Facility Coder",
        "description": "Code **ED** and same-day surgery.",
        "location_type": "hybrid",
        "city": "Austin",
        "state": "TX",
        "employment_type": "full_time",
        "credentials": ["CCS", "CPC"],
        "preferred_credentials": ["CIC"],
        "specialties": ["outpatient_facility", "emergency"],
        "experience_level": "mid",
        "apprentices_welcome": "on",
        "pay_min": "55000",
        "pay_max": "68000",
        "pay_period": "year",
    }


def test_the_dashboard_sends_a_member_without_a_company_to_the_profile_form(client, alice):
    client.force_login(alice)

    response = client.get(reverse("jobs:employer_dashboard"))

    assert response["Location"] == reverse("jobs:employer_profile")


def test_the_dashboard_lists_the_companys_postings_only(
    client, employer_user, published_posting, other_employer, make_posting
):
    make_posting(employer=other_employer, title="Rival's secret opening")
    client.force_login(employer_user)

    page = client.get(reverse("jobs:employer_dashboard")).content.decode()

    assert published_posting.title in page
    assert "Rival&#x27;s secret opening" not in page and "Rival's secret opening" not in page


def test_an_employer_posts_a_job_for_review(client, employer_user, employer, form_data):
    client.force_login(employer_user)

    response = client.post(CREATE_URL, {**form_data, "submit": "1"})

    posting = JobPosting.objects.get()
    assert response["Location"] == reverse("jobs:employer_posting", kwargs={"posting_id": posting.pk})
    assert posting.status == PostingStatus.SUBMITTED
    assert posting.credentials == ["CCS", "CPC"]
    assert posting.specialties == ["outpatient_facility", "emergency"]
    assert posting.apprentices_welcome is True
    assert posting.created_by == employer_user


def test_saving_a_draft_does_not_submit_it(client, employer_user, employer, form_data):
    client.force_login(employer_user)

    client.post(CREATE_URL, {**form_data, "save": "1"})

    assert JobPosting.objects.get().status == PostingStatus.DRAFT


def test_mistakes_are_shown_next_to_the_form(client, employer_user, employer, form_data):
    client.force_login(employer_user)

    response = client.post(CREATE_URL, {**form_data, "city": "", "pay_period": "hour"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "On-site and hybrid jobs need a city." in page
    assert "looks like a yearly salary" in page
    assert not JobPosting.objects.exists()


def test_a_member_who_is_not_an_employer_cannot_post(client, alice, form_data):
    client.force_login(alice)

    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, form_data).status_code == 403


def test_the_preview_sanitizes_the_description(client, employer_user, make_posting):
    posting = make_posting(
        description='<script>alert("x")</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) **ok**'
    )
    client.force_login(employer_user)

    page = client.get(reverse("jobs:employer_posting", kwargs={"posting_id": posting.pk})).content.decode()

    assert "<strong>ok</strong>" in page
    assert "<script>alert" not in page
    assert "<img" not in page
    assert 'href="javascript' not in page


def test_an_employer_edits_a_draft_and_submits_it(client, employer_user, draft_posting, form_data):
    client.force_login(employer_user)
    url = reverse("jobs:posting_edit", kwargs={"posting_id": draft_posting.pk})

    client.post(url, {**form_data, "title": "Senior Facility Coder", "submit": "1"})

    draft_posting.refresh_from_db()
    assert draft_posting.title == "Senior Facility Coder"
    assert draft_posting.status == PostingStatus.SUBMITTED


@pytest.mark.parametrize(
    "action, status_after",
    [("posting_close", PostingStatus.CLOSED), ("posting_renew", PostingStatus.PUBLISHED)],
)
def test_lifecycle_buttons(client, employer_user, published_posting, action, status_after):
    client.force_login(employer_user)

    response = client.post(reverse(f"jobs:{action}", kwargs={"posting_id": published_posting.pk}))

    assert response.status_code == 302
    published_posting.refresh_from_db()
    assert published_posting.status == status_after


def test_a_refused_step_is_explained(client, employer_user, draft_posting):
    client.force_login(employer_user)

    response = client.post(reverse("jobs:posting_renew", kwargs={"posting_id": draft_posting.pk}), follow=True)

    assert "Only a published or expired posting can be renewed." in response.content.decode()


def test_a_published_posting_links_to_its_applicants(client, employer_user, published_posting, make_posting):
    external = make_posting(PostingStatus.PUBLISHED, apply_url="https://valleyclinic.example.com/careers/7")
    client.force_login(employer_user)

    in_site_page = client.get(reverse("jobs:employer_posting", kwargs={"posting_id": published_posting.pk}))
    external_page = client.get(reverse("jobs:employer_posting", kwargs={"posting_id": external.pk}))

    applicants = reverse("jobs:application_applicants", kwargs={"posting_id": published_posting.pk})
    assert f'href="{applicants}"' in in_site_page.content.decode()
    assert "/applicants/" not in external_page.content.decode()


def test_the_renew_button_shows_only_near_or_after_expiry(client, employer_user, make_posting):
    client.force_login(employer_user)
    fresh = make_posting(PostingStatus.PUBLISHED, expires_at=timezone.now() + datetime.timedelta(days=20))
    expiring = make_posting(PostingStatus.PUBLISHED, expires_at=timezone.now() + datetime.timedelta(days=2))
    expired = make_posting(PostingStatus.EXPIRED)

    def shows_renew(posting) -> bool:
        page = client.get(reverse("jobs:employer_posting", kwargs={"posting_id": posting.pk})).content.decode()
        return reverse("jobs:posting_renew", kwargs={"posting_id": posting.pk}) in page

    assert not shows_renew(fresh)
    assert shows_renew(expiring)
    assert shows_renew(expired)
