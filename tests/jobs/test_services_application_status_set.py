"""application_status_set: the posting's employer moves an application on,
and the applicant is emailed."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from codingdesk.jobs.models import ApplicationStatus
from codingdesk.jobs.services.applications import access_employer_application, application_status_set


def test_the_employer_sets_a_status_and_the_applicant_is_emailed(
    application, employer_user, employer, send_on_commit, settings
):
    with send_on_commit():
        application_status_set(application=application, user=employer_user, status=ApplicationStatus.INTERVIEWING)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEWING
    assert application.status_changed_at is not None
    [email] = mail.outbox
    assert email.to == ["alice@example.com"]
    assert "Valley Clinic" in email.subject and "Interviewing" in email.subject
    assert f"{settings.SITE_URL}/jobs/applications/" in email.body
    assert "Interviewing" in email.alternatives[0].content


def test_the_same_status_again_sends_nothing(application, employer_user, employer, send_on_commit):
    with send_on_commit():
        application_status_set(application=application, user=employer_user, status=ApplicationStatus.NEW)

    assert mail.outbox == []


def test_another_employer_cannot_set_it(application, other_employer_user, other_employer):
    with pytest.raises(PermissionDenied):
        application_status_set(application=application, user=other_employer_user, status=ApplicationStatus.HIRED)
    with pytest.raises(Http404):
        access_employer_application(user=other_employer_user, application_id=application.pk)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW


def test_the_applicant_cannot_set_it(application, alice):
    with pytest.raises(PermissionDenied):
        application_status_set(application=application, user=alice, status=ApplicationStatus.HIRED)


def test_an_unknown_status_is_refused(application, employer_user, employer):
    with pytest.raises(ValidationError):
        application_status_set(application=application, user=employer_user, status="ghosted")
