import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from codingdesk.jobs.models import PostingStatus
from codingdesk.jobs.services.postings import job_posting_close, job_posting_renew


def test_renewing_within_the_notice_window_runs_a_period_from_now(employer_user, make_posting, settings):
    expiring = make_posting(PostingStatus.PUBLISHED, expires_at=timezone.now() + datetime.timedelta(days=2))

    posting = job_posting_renew(posting=expiring, user=employer_user)

    wanted = timezone.now() + datetime.timedelta(days=settings.JOBS_POSTING_DAYS)
    assert abs(posting.expires_at - wanted) < datetime.timedelta(minutes=1)


def test_a_posting_is_not_renewed_before_the_notice_window(employer_user, published_posting):
    expires_at = published_posting.expires_at

    with pytest.raises(ValidationError, match="3 days before it expires"):
        job_posting_renew(posting=published_posting, user=employer_user)

    published_posting.refresh_from_db()
    assert published_posting.expires_at == expires_at


def test_renewing_twice_does_not_stack_periods(employer_user, make_posting, settings):
    expiring = make_posting(PostingStatus.PUBLISHED, expires_at=timezone.now() + datetime.timedelta(days=1))
    job_posting_renew(posting=expiring, user=employer_user)

    with pytest.raises(ValidationError):
        job_posting_renew(posting=expiring, user=employer_user)

    expiring.refresh_from_db()
    assert expiring.expires_at < timezone.now() + datetime.timedelta(days=settings.JOBS_POSTING_DAYS, minutes=1)


def test_renewing_an_expired_posting_publishes_it_again_from_now(employer_user, make_posting, settings):
    expired = make_posting(PostingStatus.EXPIRED, renewal_reminder_sent_at=timezone.now())

    posting = job_posting_renew(posting=expired, user=employer_user)

    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.expires_at > timezone.now() + datetime.timedelta(days=settings.JOBS_POSTING_DAYS - 1)
    assert posting.renewal_reminder_sent_at is None


def test_a_draft_cannot_be_renewed(employer_user, draft_posting):
    with pytest.raises(ValidationError):
        job_posting_renew(posting=draft_posting, user=employer_user)


def test_closing_takes_the_posting_off_the_board(employer_user, published_posting):
    posting = job_posting_close(posting=published_posting, user=employer_user)

    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED
    assert posting.closed_at is not None


def test_another_employer_cannot_close_or_renew_it(other_employer_user, other_employer, published_posting):
    with pytest.raises(PermissionDenied):
        job_posting_close(posting=published_posting, user=other_employer_user)
    with pytest.raises(PermissionDenied):
        job_posting_renew(posting=published_posting, user=other_employer_user)
