"""application_status_set: the posting's employer moves an application on,
and the applicant is emailed."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from django_tasks_db.models import DBTaskResult

from codingdesk.jobs.models import ApplicationStatus
from codingdesk.jobs.services.applications import access_employer_application, application_status_set
from codingdesk.jobs.tasks import application_status_email_send_task
from tests.tasks import run_tasks


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


@pytest.mark.django_db(transaction=True)
def test_the_status_email_is_sent_by_the_worker(application, employer_user, employer):
    application_status_set(application=application, user=employer_user, status=ApplicationStatus.REVIEWING)
    mail.outbox.clear()  # the new-application email, if it went out already
    run_tasks()

    assert [email.to for email in mail.outbox if "Reviewing" in email.subject] == [["alice@example.com"]]


def test_a_failed_status_email_is_queued_again_and_raises(application, monkeypatch):
    def smtp_down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP is down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", smtp_down)

    with pytest.raises(ConnectionRefusedError):
        application_status_email_send_task.call(application.pk)

    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs == {"args": [application.pk], "kwargs": {"attempt": 2}}


def set_status(application, user, *statuses):
    for status in statuses:
        application = application_status_set(application=application, user=user, status=status)
    return application


def test_an_application_never_goes_back_to_new(application, employer_user, employer):
    set_status(application, employer_user, ApplicationStatus.REVIEWING)

    with pytest.raises(ValidationError, match="cannot become new again"):
        set_status(application, employer_user, ApplicationStatus.NEW)


def test_a_hire_is_final(application, employer_user, employer):
    set_status(application, employer_user, ApplicationStatus.HIRED)

    with pytest.raises(ValidationError, match="a hire is final"):
        set_status(application, employer_user, ApplicationStatus.REJECTED)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.HIRED


def test_a_rejected_application_may_be_reconsidered(application, employer_user, employer):
    set_status(application, employer_user, ApplicationStatus.REJECTED, ApplicationStatus.REVIEWING)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.REVIEWING


def test_an_application_does_not_move_backwards(application, employer_user, employer):
    set_status(application, employer_user, ApplicationStatus.INTERVIEWING)

    with pytest.raises(ValidationError, match="only move forward"):
        set_status(application, employer_user, ApplicationStatus.REVIEWING)


def test_a_refused_change_emails_nobody(application, employer_user, employer, send_on_commit):
    set_status(application, employer_user, ApplicationStatus.HIRED)
    mail.outbox.clear()

    with send_on_commit(), pytest.raises(ValidationError):
        set_status(application, employer_user, ApplicationStatus.NEW)

    assert mail.outbox == []
