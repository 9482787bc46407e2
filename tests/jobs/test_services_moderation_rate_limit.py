import datetime

import pytest
from django.utils import timezone

from codingdesk.jobs.models import JobPosting
from codingdesk.jobs.services.moderation import PostingRateLimited, job_posting_rate_limit_check
from tests.jobs.factories import JobPostingFactory


def test_it_allows_postings_under_the_daily_limit(employer, settings):
    settings.JOBS_POSTS_PER_DAY = 3
    JobPostingFactory.create_batch(2, employer=employer)

    job_posting_rate_limit_check(employer=employer)


def test_it_refuses_at_the_limit(employer, settings):
    settings.JOBS_POSTS_PER_DAY = 2
    JobPostingFactory.create_batch(2, employer=employer)

    with pytest.raises(PostingRateLimited):
        job_posting_rate_limit_check(employer=employer)


def test_postings_older_than_a_day_do_not_count(employer, settings):
    settings.JOBS_POSTS_PER_DAY = 1
    old = JobPostingFactory(employer=employer)
    JobPosting.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))

    job_posting_rate_limit_check(employer=employer)


def test_other_companies_postings_do_not_count(employer, other_employer, settings):
    settings.JOBS_POSTS_PER_DAY = 1
    JobPostingFactory(employer=other_employer)

    job_posting_rate_limit_check(employer=employer)
