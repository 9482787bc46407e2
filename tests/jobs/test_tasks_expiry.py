import datetime

import pytest
from django.core import mail
from django.utils import timezone

from codingdesk.jobs.models import PostingStatus
from codingdesk.jobs.services.postings import job_posting_renew, job_postings_expire
from codingdesk.jobs.tasks import job_postings_expire_task


@pytest.fixture
def expiring(make_posting, employer_user):
    """Published 28 days ago, expiring in 2 days."""
    published_at = timezone.now() - datetime.timedelta(days=28)
    return make_posting(
        PostingStatus.PUBLISHED,
        created_by=employer_user,
        published_at=published_at,
        expires_at=published_at + datetime.timedelta(days=30),
    )


def test_it_expires_postings_past_their_date(make_posting):
    overdue = make_posting(PostingStatus.PUBLISHED, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    current = make_posting(PostingStatus.PUBLISHED)

    expired, _ = job_postings_expire()

    overdue.refresh_from_db()
    current.refresh_from_db()
    assert expired == 1
    assert overdue.status == PostingStatus.EXPIRED
    assert current.status == PostingStatus.PUBLISHED


def test_it_emails_a_renewal_link_three_days_before(expiring, employer_user, settings):
    _, reminded = job_postings_expire()

    assert reminded == 1
    [email] = mail.outbox
    assert email.to == [employer_user.email]
    assert expiring.title in email.subject
    assert f"{settings.SITE_URL}/jobs/employer/postings/{expiring.pk}/" in email.body


def test_it_sends_the_reminder_once(expiring):
    job_postings_expire()
    job_postings_expire()

    assert len(mail.outbox) == 1


def test_it_does_not_remind_early(make_posting):
    make_posting(PostingStatus.PUBLISHED, expires_at=timezone.now() + datetime.timedelta(days=4))

    assert job_postings_expire() == (0, 0)
    assert mail.outbox == []


def test_after_renewal_it_reminds_again_before_the_new_date(expiring, employer_user):
    job_postings_expire()
    job_posting_renew(posting=expiring, user=employer_user)
    later = expiring.expires_at - datetime.timedelta(days=2)

    assert job_postings_expire(now=later) == (0, 1)


def test_the_task_expires_and_reports_counts(make_posting):
    make_posting(PostingStatus.PUBLISHED, expires_at=timezone.now() - datetime.timedelta(hours=1))

    assert job_postings_expire_task.call() == {"expired": 1, "reminded": 0}


def test_closed_postings_past_their_date_stay_closed(make_posting):
    closed = make_posting(PostingStatus.CLOSED, expires_at=timezone.now() - datetime.timedelta(days=1))

    assert job_postings_expire() == (0, 0)

    closed.refresh_from_db()
    assert closed.status == PostingStatus.CLOSED


def test_the_worker_runs_the_task_hourly(settings):
    assert ("codingdesk.jobs.tasks.job_postings_expire_task", 3600, {}) in settings.PERIODIC_TASKS


def test_a_title_with_a_line_break_still_gets_its_reminder(make_posting, employer_user):
    make_posting(
        PostingStatus.PUBLISHED,
        title="Coder\nBcc: victim@example.com",
        created_by=employer_user,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )

    assert job_postings_expire() == (0, 1)

    [email] = mail.outbox
    assert "\n" not in email.subject
    assert email.to == [employer_user.email]
