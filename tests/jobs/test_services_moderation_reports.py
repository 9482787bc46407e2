import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from codingdesk.jobs.models import PostingStatus, ReviewFlag
from codingdesk.jobs.services.moderation import job_report_create, job_report_resolve
from tests.factories import UserFactory


def test_a_member_reports_a_published_job(alice, published_posting):
    report = job_report_create(posting=published_posting, reporter=alice, reason="scam", details=" Asked for $200. ")

    assert report.reporter == alice
    assert report.details == "Asked for $200."
    assert report.resolved_at is None


def test_a_member_reports_a_job_once(alice, published_posting):
    job_report_create(posting=published_posting, reporter=alice, reason="scam")

    with pytest.raises(ValidationError, match="already reported"):
        job_report_create(posting=published_posting, reporter=alice, reason="spam")


def test_it_refuses_an_unknown_reason(alice, published_posting):
    with pytest.raises(ValidationError):
        job_report_create(posting=published_posting, reporter=alice, reason="boring")


def test_only_published_jobs_are_reported(alice, draft_posting):
    with pytest.raises(ValidationError):
        job_report_create(posting=draft_posting, reporter=alice, reason="scam")


def test_enough_reports_take_the_job_off_the_board_for_review(published_posting, settings):
    settings.JOBS_REPORTS_TO_HIDE = 2
    job_report_create(posting=published_posting, reporter=UserFactory(), reason="scam")
    published_posting.refresh_from_db()
    assert published_posting.status == PostingStatus.PUBLISHED

    job_report_create(posting=published_posting, reporter=UserFactory(), reason="scam")

    published_posting.refresh_from_db()
    assert published_posting.status == PostingStatus.SUBMITTED
    assert ReviewFlag.REPORTED in published_posting.review_flags


def test_staff_resolve_a_report(alice, staff_user, published_posting):
    report = job_report_create(posting=published_posting, reporter=alice, reason="filled")

    job_report_resolve(report=report, staff=staff_user)

    report.refresh_from_db()
    assert report.resolved_by == staff_user
    assert report.resolved_at is not None


def test_only_staff_resolve_reports(alice, bob, published_posting):
    report = job_report_create(posting=published_posting, reporter=alice, reason="filled")

    with pytest.raises(PermissionDenied):
        job_report_resolve(report=report, staff=bob)
