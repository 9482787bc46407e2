import pytest
from django.core import mail
from django.urls import reverse

from codingdesk.jobs.models import PostingStatus, ReviewFlag
from tests.jobs.factories import JobReportFactory

QUEUE_URL = reverse("jobs:moderation_queue")


def test_staff_see_postings_awaiting_review_with_their_flags(client, staff_user, make_posting):
    flagged = make_posting(PostingStatus.SUBMITTED, title="Work from home", review_flags=[ReviewFlag.PAYMENT_REQUEST])
    published = make_posting(PostingStatus.PUBLISHED, title="Pro-fee coder")
    client.force_login(staff_user)

    page = client.get(QUEUE_URL).content.decode()

    assert flagged.title in page
    assert "Asks applicants for money" in page
    assert published.title not in page


def test_the_queue_sanitizes_what_it_shows(client, staff_user, make_posting):
    make_posting(PostingStatus.SUBMITTED, description="<script>steal()</script><b onmouseover=x()>hi</b>")
    client.force_login(staff_user)

    page = client.get(QUEUE_URL).content.decode()

    assert "<script>steal" not in page
    assert "<b onmouseover" not in page


@pytest.mark.parametrize("user", ["employer_user", "alice"])
def test_non_staff_cannot_open_the_queue(client, request, user, submitted_posting):
    client.force_login(request.getfixturevalue(user))

    response = client.get(QUEUE_URL)

    assert response.status_code == 302
    assert submitted_posting.title not in response.content.decode()


def test_staff_approve_a_posting(client, staff_user, submitted_posting, send_on_commit):
    client.force_login(staff_user)

    with send_on_commit():
        response = client.post(reverse("jobs:moderation_approve", kwargs={"posting_id": submitted_posting.pk}))

    assert response["Location"] == QUEUE_URL
    submitted_posting.refresh_from_db()
    assert submitted_posting.status == PostingStatus.PUBLISHED
    assert len(mail.outbox) == 1


def test_an_employer_cannot_approve_their_own_posting(client, employer_user, submitted_posting):
    client.force_login(employer_user)

    client.post(reverse("jobs:moderation_approve", kwargs={"posting_id": submitted_posting.pk}))

    submitted_posting.refresh_from_db()
    assert submitted_posting.status == PostingStatus.SUBMITTED


def test_staff_send_a_posting_back_with_a_note(client, staff_user, submitted_posting):
    client.force_login(staff_user)

    client.post(
        reverse("jobs:moderation_return", kwargs={"posting_id": submitted_posting.pk}), {"note": "Add the pay."}
    )

    submitted_posting.refresh_from_db()
    assert submitted_posting.status == PostingStatus.DRAFT
    assert submitted_posting.review_note == "Add the pay."


def test_sending_back_without_a_note_is_refused(client, staff_user, submitted_posting):
    client.force_login(staff_user)

    response = client.post(
        reverse("jobs:moderation_return", kwargs={"posting_id": submitted_posting.pk}), {"note": ""}, follow=True
    )

    assert "Say what the employer must change." in response.content.decode()
    submitted_posting.refresh_from_db()
    assert submitted_posting.status == PostingStatus.SUBMITTED


def test_staff_see_and_resolve_open_reports(client, staff_user, published_posting):
    report = JobReportFactory(posting=published_posting, details="Wanted a $300 equipment deposit.")
    client.force_login(staff_user)

    assert "Wanted a $300 equipment deposit." in client.get(QUEUE_URL).content.decode()
    client.post(reverse("jobs:moderation_report_resolve", kwargs={"report_id": report.pk}))

    report.refresh_from_db()
    assert report.resolved_by == staff_user
    assert "Wanted a $300 equipment deposit." not in client.get(QUEUE_URL).content.decode()
