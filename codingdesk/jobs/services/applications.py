"""Applying in-site to a posting, and the employer moving an application
through new -> reviewing -> interviewing -> rejected or hired.

A résumé's type is decided by its bytes, never by its name or the browser's
declared content type: a PDF starts with ``%PDF-``, and a DOCX is a ZIP
archive holding ``word/document.xml``.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from codingdesk.accounts.models import User

from ..mail import templated_email_send
from ..models import Application, ApplicationStatus, JobPosting
from ..models.seekers import STATUS_CHANGES
from ..selectors import job_postings_open
from .employers import access_employer

COVER_NOTE_MAX_CHARS = 5000
RESUME_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def resume_kind_detect(upload: UploadedFile) -> str:
    """ "pdf" or "docx", from the file's content; ValidationError otherwise."""
    limit = settings.JOBS_RESUME_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(f"The résumé must be {filesizeformat(limit)} or smaller.")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK") and _is_docx(upload):
        return "docx"
    raise ValidationError(
        f"“{upload.name}” is not a PDF or Word (.docx) document, whatever its name says. "
        "Save your résumé as PDF or DOCX and upload it again."
    )


def _is_docx(upload: UploadedFile) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def application_create(
    *, posting: JobPosting, applicant: User, resume: UploadedFile, cover_note: str = ""
) -> Application:
    """The applicant's one application to an open posting that takes
    applications on this site."""
    if not job_postings_open().filter(pk=posting.pk).exists():
        raise ValidationError("This job is no longer taking applications.")
    if not posting.applies_in_site:
        raise ValidationError("This employer takes applications on its own website.")
    if posting.employer.members.filter(pk=applicant.pk).exists():
        raise ValidationError("You cannot apply to your own company's posting.")
    if Application.objects.filter(posting=posting, applicant=applicant).exists():
        raise ValidationError("You have already applied to this job.")
    if len(cover_note) > COVER_NOTE_MAX_CHARS:
        raise ValidationError({"cover_note": f"Keep the cover note under {COVER_NOTE_MAX_CHARS} characters."})
    try:
        kind = resume_kind_detect(resume)
    except ValidationError as error:
        raise ValidationError({"resume": error.messages}) from None
    filename = f"{PurePath(resume.name).stem[:150] or 'resume'}.{kind}"
    application = Application(posting=posting, applicant=applicant, resume_filename=filename, cover_note=cover_note)
    try:
        with transaction.atomic():
            application.resume.save(filename, resume, save=False)
            application.save()
    except IntegrityError:
        # A second submit raced the first past the check above.
        application.resume.delete(save=False)
        raise ValidationError("You have already applied to this job.") from None
    # Sent by the worker: the application is saved whether or not mail goes out.
    transaction.on_commit(lambda: _enqueue_new_application_email(application.pk), robust=True)
    return application


def access_employer_application(*, user: User, application_id: int) -> Application:
    """An application to one of the user's company's postings: PermissionDenied
    for non-employers, and 404 for another company's application."""
    employer = access_employer(user=user)
    try:
        return Application.objects.select_related("posting", "applicant").get(
            pk=application_id, posting__employer=employer
        )
    except Application.DoesNotExist:
        raise Http404(f"Your company has no application {application_id}.") from None


def application_status_set(*, application: Application, user: User, status: str) -> Application:
    """Set by the posting's employer only, along STATUS_CHANGES (each change
    emails the applicant, so flip-flopping must not be possible)."""
    if access_employer(user=user).pk != application.posting.employer_id:
        raise PermissionDenied("This application was sent to another employer.")
    if status not in ApplicationStatus.values:
        raise ValidationError(f"Unknown application status: {status!r}.")
    if status == application.status:
        return application
    if status not in STATUS_CHANGES[application.status]:
        current = ApplicationStatus(application.status).label
        wanted = ApplicationStatus(status).label
        if application.status == ApplicationStatus.HIRED:
            reason = "a hire is final"
        elif status == ApplicationStatus.NEW:
            reason = "an application cannot become new again"
        elif application.status == ApplicationStatus.REJECTED:
            reason = "a rejected application can only go back to Reviewing"
        else:
            reason = "applications only move forward"
        raise ValidationError(f"This application cannot go from “{current}” to “{wanted}”: {reason}.")
    application.status = status
    application.status_changed_at = timezone.now()
    application.save(update_fields=["status", "status_changed_at"])
    transaction.on_commit(lambda: _enqueue_status_email(application.pk), robust=True)
    return application


def application_new_email_send(*, application_id: int) -> None:
    """Every user of the employer hears of a new applicant (the résumé stays
    on the site). Run by application_new_email_send_task."""
    application = Application.objects.select_related("posting", "posting__employer", "applicant").get(
        pk=application_id
    )
    posting = application.posting
    context = {
        "application": application,
        "posting": posting,
        "applicants_url": settings.SITE_URL + reverse("jobs:application_applicants", args=[posting.pk]),
    }
    for email in posting.employer.members.filter(is_active=True).values_list("email", flat=True):
        templated_email_send(to=[email], name="application_new", context=context)


def application_status_email_send(*, application_id: int) -> None:
    """The applicant hears of the application's status as it is now. Run by
    application_status_email_send_task."""
    application = Application.objects.select_related("posting", "posting__employer", "applicant").get(
        pk=application_id
    )
    context = {
        "application": application,
        "posting": application.posting,
        "applications_url": settings.SITE_URL + reverse("jobs:application_list"),
    }
    templated_email_send(to=[application.applicant.email], name="application_status", context=context)


def _enqueue_new_application_email(application_id: int) -> None:
    from ..tasks import application_new_email_send_task

    application_new_email_send_task.enqueue(application_id)


def _enqueue_status_email(application_id: int) -> None:
    from ..tasks import application_status_email_send_task

    application_status_email_send_task.enqueue(application_id)
