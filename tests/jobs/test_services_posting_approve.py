import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from codingdesk.jobs.models import PostingStatus, ReviewFlag
from codingdesk.jobs.services.moderation import job_report_create
from codingdesk.jobs.services.postings import job_posting_approve, job_posting_update
from tests.tasks import run_tasks


def test_it_publishes_for_the_configured_days(staff_user, submitted_posting, settings):
    settings.JOBS_POSTING_DAYS = 60

    posting = job_posting_approve(posting=submitted_posting, reviewer=staff_user)

    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.reviewed_by == staff_user
    assert posting.expires_at - posting.published_at == datetime.timedelta(days=60)
    assert posting.published_at > timezone.now() - datetime.timedelta(minutes=1)


def test_it_emails_the_employer(staff_user, employer_user, make_posting, send_on_commit):
    submitted = make_posting(PostingStatus.SUBMITTED, created_by=employer_user)

    with send_on_commit():
        job_posting_approve(posting=submitted, reviewer=staff_user)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [employer_user.email]
    assert "is published" in mail.outbox[0].subject
    assert f"/jobs/employer/postings/{submitted.pk}/" in mail.outbox[0].body


def test_without_an_author_it_emails_the_companys_members(staff_user, employer_user, submitted_posting, send_on_commit):
    with send_on_commit():
        job_posting_approve(posting=submitted_posting, reviewer=staff_user)

    assert mail.outbox[0].to == [employer_user.email]


def test_only_staff_approve(employer_user, submitted_posting):
    with pytest.raises(PermissionDenied):
        job_posting_approve(posting=submitted_posting, reviewer=employer_user)


def test_only_a_posting_awaiting_review_is_approved(staff_user, draft_posting):
    with pytest.raises(ValidationError):
        job_posting_approve(posting=draft_posting, reviewer=staff_user)


def test_approving_a_reported_posting_dismisses_the_reports(
    staff_user, employer_user, employer, published_posting, alice, bob, charlie, settings
):
    employer.is_trusted = True
    employer.save()
    settings.JOBS_REPORTS_TO_HIDE = 3
    for reporter in (alice, bob, charlie):
        job_report_create(posting=published_posting, reporter=reporter, reason="misleading")
    published_posting.refresh_from_db()
    assert published_posting.status == PostingStatus.SUBMITTED

    job_posting_approve(posting=published_posting, reviewer=staff_user)

    assert published_posting.reports.filter(resolved_at__isnull=True).count() == 0
    assert published_posting.reports.first().resolved_by == staff_user
    assert ReviewFlag.REPORTED not in published_posting.review_flags
    # A later edit by the trusted employer no longer goes back to the queue.
    edited = job_posting_update(posting=published_posting, user=employer_user, fields={"title": "Coder II"})
    assert edited.status == PostingStatus.PUBLISHED


@pytest.mark.django_db(transaction=True)
def test_approving_with_the_mail_server_down_still_publishes(staff_user, employer_user, make_posting, monkeypatch):
    submitted = make_posting(PostingStatus.SUBMITTED, created_by=employer_user)

    def smtp_down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP is down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", smtp_down)

    job_posting_approve(posting=submitted, reviewer=staff_user)
    run_tasks()

    submitted.refresh_from_db()
    assert submitted.status == PostingStatus.PUBLISHED
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_the_approval_email_is_sent_by_the_worker(staff_user, employer_user, make_posting):
    submitted = make_posting(PostingStatus.SUBMITTED, created_by=employer_user)

    job_posting_approve(posting=submitted, reviewer=staff_user)
    assert mail.outbox == []
    run_tasks()

    assert [email.to for email in mail.outbox] == [[employer_user.email]]
