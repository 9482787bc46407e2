"""POST and PATCH /api/v1/jobs: employers with an API key."""

import json

import pytest

from codingdesk.accounts.api_keys import api_key_create
from codingdesk.jobs.models import JobPosting, PostingStatus

URL = "/api/v1/jobs"


@pytest.fixture
def call(client):
    def call(method, url, user=None, payload=None):
        headers = {"Authorization": f"Bearer {api_key_create(user=user, name='ats')[1]}"} if user else {}
        return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json", headers=headers)

    return call


@pytest.fixture
def payload():
    return {
        "title": "Remote Inpatient DRG Coder",
        "description": "Code **inpatient** charts.",
        "location_type": "remote",
        "remote_states": ["FL", "GA"],
        "employment_type": "full_time",
        "credentials": ["CCS"],
        "specialties": ["inpatient_drg"],
        "experience_level": "senior",
        "apprentices_welcome": False,
        "pay_min": 70000,
        "pay_max": 85000,
        "pay_period": "year",
    }


def test_an_employer_posts_a_job(call, employer_user, employer, payload, settings):
    response = call("post", URL, employer_user, payload)

    assert response.status_code == 201
    posting = JobPosting.objects.get()
    assert response.json() == {
        "id": posting.pk,
        "status": "submitted",
        "url": f"{settings.SITE_URL}/jobs/{posting.pk}/",
    }
    assert posting.employer == employer
    assert posting.remote_states == ["FL", "GA"]
    assert str(posting.pay_min) == "70000.00"


def test_a_trusted_employers_job_is_published_at_once(call, employer_user, employer, payload):
    employer.is_trusted = True
    employer.save()

    assert call("post", URL, employer_user, payload).json()["status"] == "published"


def test_submit_false_keeps_a_draft(call, employer_user, employer, payload):
    assert call("post", URL, employer_user, {**payload, "submit": False}).json()["status"] == "draft"


def test_rule_breaks_are_400_with_reasons(call, employer_user, employer, payload):
    response = call("post", URL, employer_user, {**payload, "location_type": "onsite", "remote_states": []})

    assert response.status_code == 400
    assert "city: On-site and hybrid jobs need a city." in response.json()["detail"]


def test_pay_is_required(call, employer_user, employer, payload):
    del payload["pay_min"]

    assert call("post", URL, employer_user, payload).status_code == 400


def test_guests_and_members_cannot_post(call, alice, payload):
    assert call("post", URL, None, payload).status_code == 403
    assert call("post", URL, alice, payload).status_code == 403
    assert not JobPosting.objects.exists()


def test_posting_too_often_is_429(call, employer_user, employer, payload, settings):
    settings.JOBS_POSTS_PER_DAY = 1
    call("post", URL, employer_user, payload)

    response = call("post", URL, employer_user, payload)

    assert response.status_code == 429


def test_an_employer_updates_a_posting(call, employer_user, draft_posting):
    response = call("patch", f"{URL}/{draft_posting.pk}", employer_user, {"title": "Lead coder", "pay_max": 40})

    assert response.status_code == 200
    draft_posting.refresh_from_db()
    assert draft_posting.title == "Lead coder"
    assert str(draft_posting.pay_max) == "40.00"
    assert draft_posting.pay_min is not None


def test_patch_submits_and_closes(call, employer_user, draft_posting):
    assert call("patch", f"{URL}/{draft_posting.pk}", employer_user, {"status": "submitted"}).json()["status"] == (
        "submitted"
    )
    assert call("patch", f"{URL}/{draft_posting.pk}", employer_user, {"status": "closed"}).json()["status"] == "closed"


def test_patch_cannot_publish(call, employer_user, draft_posting):
    response = call("patch", f"{URL}/{draft_posting.pk}", employer_user, {"status": "published"})

    assert response.status_code == 400
    draft_posting.refresh_from_db()
    assert draft_posting.status == PostingStatus.DRAFT


def test_another_employers_posting_is_404(call, other_employer_user, other_employer, draft_posting):
    response = call("patch", f"{URL}/{draft_posting.pk}", other_employer_user, {"title": "Hijacked"})

    assert response.status_code == 404
    draft_posting.refresh_from_db()
    assert draft_posting.title != "Hijacked"


def test_guests_and_members_cannot_patch(call, alice, draft_posting):
    assert call("patch", f"{URL}/{draft_posting.pk}", None, {"title": "Hijacked"}).status_code == 403
    assert call("patch", f"{URL}/{draft_posting.pk}", alice, {"title": "Hijacked"}).status_code == 403
    draft_posting.refresh_from_db()
    assert draft_posting.title != "Hijacked"


def test_a_script_in_the_description_never_reaches_the_page(call, client, employer_user, employer, payload):
    employer.is_trusted = True
    employer.save()
    payload["description"] = 'Code charts.<script>alert(1)</script><img src=x onerror="alert(2)">'

    created = call("post", URL, employer_user, payload).json()
    job = client.get(f"{URL}/{created['id']}").json()

    assert "<script" not in job["description_html"]
    assert "<img" not in job["description_html"]


def test_a_refused_status_change_saves_nothing(call, employer_user, draft_posting):
    response = call("patch", f"{URL}/{draft_posting.pk}", employer_user, {"title": "Changed", "status": "published"})

    assert response.status_code == 400
    draft_posting.refresh_from_db()
    assert draft_posting.title != "Changed"
