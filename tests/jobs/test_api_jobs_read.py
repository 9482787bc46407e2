"""GET /api/v1/jobs and /api/v1/jobs/{id}: published jobs for anyone."""

import datetime

from django.utils import timezone

from codingdesk.accounts.api_keys import api_key_create
from codingdesk.jobs.models import PostingStatus


def test_the_list_returns_published_jobs_and_a_count(client, published_posting, draft_posting):
    response = client.get("/api/v1/jobs")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [job["id"] for job in body["results"]] == [published_posting.pk]


def test_the_list_passes_filters_to_the_search(client, make_posting):
    wanted = make_posting(PostingStatus.PUBLISHED, credentials=["CCS"])
    make_posting(PostingStatus.PUBLISHED, credentials=["CPC"])

    body = client.get("/api/v1/jobs", {"credential": "CCS"}).json()

    assert [job["id"] for job in body["results"]] == [wanted.pk]


def test_the_list_pages(client, make_posting):
    for _ in range(3):
        make_posting(PostingStatus.PUBLISHED)

    body = client.get("/api/v1/jobs", {"limit": 2, "offset": 2}).json()

    assert body["count"] == 3
    assert len(body["results"]) == 1


def test_a_bad_limit_is_400(client, db):
    assert client.get("/api/v1/jobs", {"limit": 1000}).status_code == 400


def test_a_job_in_full(client, published_posting, settings):
    published_posting.description = "**Paid** <script>alert(1)</script>"
    published_posting.save()

    job = client.get(f"/api/v1/jobs/{published_posting.pk}").json()

    assert job["title"] == published_posting.title
    assert job["employer"]["name"] == "Valley Clinic"
    assert job["url"] == f"{settings.SITE_URL}/jobs/{published_posting.pk}/"
    assert job["pay_min"] == 25.0
    assert job["location"] == "Remote (US)"
    assert job["apply_url"] is None
    assert "<strong>Paid</strong>" in job["description_html"]
    assert "<script>" not in job["description_html"]


def test_an_unpublished_job_is_404_to_others(client, draft_posting, other_employer_user, other_employer):
    assert client.get(f"/api/v1/jobs/{draft_posting.pk}").status_code == 404
    key = api_key_create(user=other_employer_user, name="x")[1]
    response = client.get(f"/api/v1/jobs/{draft_posting.pk}", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 404


def test_an_employer_reads_its_own_draft(client, draft_posting, employer_user):
    key = api_key_create(user=employer_user, name="x")[1]

    response = client.get(f"/api/v1/jobs/{draft_posting.pk}", headers={"Authorization": f"Bearer {key}"})

    assert response.json()["status"] == "draft"


def test_an_unknown_filter_choice_is_400(client, db):
    response = client.get("/api/v1/jobs", {"credential": "WIZARD"})

    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_published_job_past_its_expiry_is_404_like_on_the_site(client, make_posting):
    posting = make_posting(PostingStatus.PUBLISHED, expires_at=timezone.now() - datetime.timedelta(minutes=5))

    assert client.get(f"/api/v1/jobs/{posting.pk}").status_code == 404
    assert client.get(f"/jobs/{posting.pk}/").status_code == 404
