"""An employer's postings through their lifecycle:

    draft -> submitted -> published -> expired -> (renewed) published
                 \\-> back to draft, with staff's note          any -> closed

Submitting runs the spam and scam signals (moderation.py). A trusted
employer's unflagged posting is published at once; every other one waits in
the staff queue. Published postings expire after JOBS_POSTING_DAYS, and the
hourly task emails a renewal link JOBS_RENEWAL_NOTICE_DAYS before.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from codingdesk.accounts.models import User

from ..mail import templated_email_send
from ..models import Employer, JobPosting, PostingStatus, ReviewFlag
from .employers import access_employer
from .moderation import job_posting_rate_limit_check, job_posting_review_flags

# What an employer sets; everything else is the lifecycle's.
POSTING_FIELDS = (
    "title", "description", "location_type", "city", "state", "remote_states", "employment_type",
    "credentials", "preferred_credentials", "specialties", "experience_level", "apprentices_welcome",
    "pay_min", "pay_max", "pay_period", "apply_url",
)  # fmt: skip
EDITABLE_STATUSES = (PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.PUBLISHED)


def access_employer_posting(*, user: User, posting_id: int) -> JobPosting:
    """One of the user's company's postings. Anyone else's is a 404, so that
    probing ids tells nothing."""
    employer = access_employer(user=user)
    try:
        return JobPosting.objects.select_related("employer").get(pk=posting_id, employer=employer)
    except JobPosting.DoesNotExist:
        raise Http404(f"You have no posting {posting_id}.") from None


def job_posting_create(*, user: User, fields: dict[str, Any], submit: bool = False) -> JobPosting:
    """A new draft for the user's company; submitted at once if ``submit``."""
    employer = access_employer(user=user)
    with transaction.atomic():
        Employer.objects.select_for_update().get(pk=employer.pk)  # serialises the rate count
        job_posting_rate_limit_check(employer=employer)
        posting = JobPosting(employer=employer, created_by=user, **_known(fields))
        posting.full_clean()
        posting.save()
    if submit:
        posting = job_posting_submit(posting=posting, user=user)
    return posting


def job_posting_update(
    *, posting: JobPosting, user: User, fields: dict[str, Any], submit: bool = False
) -> JobPosting:
    """Change a draft, submitted or published posting; a draft is then
    submitted if ``submit``. A submitted or published posting is checked
    again: unless its employer is trusted and nothing is flagged, it waits in
    the staff queue until approved."""
    _check_owner(posting, user)
    if posting.status not in EDITABLE_STATUSES:
        raise ValidationError(f"A {posting.get_status_display().lower()} posting can no longer be edited.")
    for name, value in _known(fields).items():
        setattr(posting, name, value)
    posting.full_clean()
    # An edit is not a renewal: a posting on the board keeps its expiry.
    keep_expiry = posting.status == PostingStatus.PUBLISHED
    with transaction.atomic():
        posting.save()
        if posting.status in (PostingStatus.SUBMITTED, PostingStatus.PUBLISHED):
            posting = _review_or_publish(posting, keep_expiry=keep_expiry)
    if submit and posting.status == PostingStatus.DRAFT:
        posting = job_posting_submit(posting=posting, user=user)
    return posting


def job_posting_submit(*, posting: JobPosting, user: User) -> JobPosting:
    _check_owner(posting, user)
    if posting.status != PostingStatus.DRAFT:
        raise ValidationError("Only a draft can be submitted.")
    posting.full_clean()
    with transaction.atomic():
        posting.submitted_at = timezone.now()
        posting.review_note = ""
        posting = _review_or_publish(posting)
    return posting


def job_posting_approve(*, posting: JobPosting, reviewer: User | None) -> JobPosting:
    """Staff publish a submitted posting (reviewer None: from the command line).

    Approving a posting that users' reports took off the board dismisses
    those reports: otherwise its next edit, or one more report, would send it
    straight back to the queue."""
    if reviewer is not None:
        _check_staff(reviewer)
    if posting.status != PostingStatus.SUBMITTED:
        raise ValidationError("Only a posting awaiting review can be approved.")
    with transaction.atomic():
        posting.reviewed_by = reviewer
        posting.review_note = ""
        posting.review_flags = [flag for flag in posting.review_flags if flag != ReviewFlag.REPORTED]
        posting.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=reviewer)
        job_posting_publish(posting=posting)
    _email_employer_later(posting, "posting_approved")
    return posting


def job_posting_reject(*, posting: JobPosting, reviewer: User, note: str) -> JobPosting:
    """Staff send a submitted posting back to its employer as a draft, saying why."""
    _check_staff(reviewer)
    if posting.status != PostingStatus.SUBMITTED:
        raise ValidationError("Only a posting awaiting review can be sent back.")
    if not note.strip():
        raise ValidationError("Say what the employer must change.")
    posting.status = PostingStatus.DRAFT
    posting.reviewed_by = reviewer
    posting.review_note = note.strip()
    posting.save(update_fields=["status", "reviewed_by", "review_note", "updated_at"])
    _email_employer_later(posting, "posting_returned")
    return posting


def job_posting_publish(
    *, posting: JobPosting, now: datetime.datetime | None = None, keep_expiry: bool = False
) -> JobPosting:
    """Publish now, for JOBS_POSTING_DAYS (``keep_expiry``: until the expiry
    it already has, for a published posting that was edited). A posting
    published before keeps its first publication date (feeds and alerts sort
    by it)."""
    now = now or timezone.now()
    posting.status = PostingStatus.PUBLISHED
    posting.published_at = posting.published_at or now
    if not (keep_expiry and posting.expires_at):
        posting.expires_at = now + datetime.timedelta(days=settings.JOBS_POSTING_DAYS)
        posting.renewal_reminder_sent_at = None
    posting.save()
    return posting


def job_posting_renew(*, posting: JobPosting, user: User) -> JobPosting:
    """Another JOBS_POSTING_DAYS from now, for a posting that has expired or
    expires within JOBS_RENEWAL_NOTICE_DAYS (when the reminder goes out)."""
    _check_owner(posting, user)
    if not posting.is_renewable:
        if posting.status == PostingStatus.PUBLISHED:
            raise ValidationError(
                f"A posting can be renewed from {settings.JOBS_RENEWAL_NOTICE_DAYS} days before it expires."
            )
        raise ValidationError("Only a published or expired posting can be renewed.")
    posting.status = PostingStatus.PUBLISHED
    posting.expires_at = timezone.now() + datetime.timedelta(days=settings.JOBS_POSTING_DAYS)
    posting.renewal_reminder_sent_at = None
    posting.save(update_fields=["status", "expires_at", "renewal_reminder_sent_at", "updated_at"])
    return posting


def job_posting_close(*, posting: JobPosting, user: User) -> JobPosting:
    _check_owner(posting, user)
    if posting.status == PostingStatus.CLOSED:
        return posting
    posting.status = PostingStatus.CLOSED
    posting.closed_at = timezone.now()
    posting.save(update_fields=["status", "closed_at", "updated_at"])
    return posting


def job_postings_expire(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Expire published postings past their date, and email a renewal link for
    those expiring within JOBS_RENEWAL_NOTICE_DAYS (once per period). Returns
    (expired, reminded). Run hourly by job_postings_expire_task."""
    now = now or timezone.now()
    expired = JobPosting.objects.filter(status=PostingStatus.PUBLISHED, expires_at__lte=now).update(
        status=PostingStatus.EXPIRED, updated_at=now
    )
    notice_until = now + datetime.timedelta(days=settings.JOBS_RENEWAL_NOTICE_DAYS)
    due = JobPosting.objects.filter(
        status=PostingStatus.PUBLISHED, expires_at__lte=notice_until, renewal_reminder_sent_at__isnull=True
    ).select_related("employer", "created_by")
    reminded = 0
    for posting in due:
        # Claim the reminder first, so that two workers never both send it.
        claimed = JobPosting.objects.filter(pk=posting.pk, renewal_reminder_sent_at__isnull=True).update(
            renewal_reminder_sent_at=now
        )
        if claimed:
            job_posting_email_send(posting_id=posting.pk, template="renewal")
            reminded += 1
    return expired, reminded


def _review_or_publish(posting: JobPosting, *, keep_expiry: bool = False) -> JobPosting:
    # Users' reports stay on record: editing a reported posting must not
    # slip it past the staff who are looking at it.
    reported = [ReviewFlag.REPORTED.value] if ReviewFlag.REPORTED in posting.review_flags else []
    posting.review_flags = job_posting_review_flags(posting=posting) + reported
    if posting.employer.is_trusted and not posting.review_flags:
        return job_posting_publish(posting=posting, keep_expiry=keep_expiry)
    posting.status = PostingStatus.SUBMITTED
    posting.save()
    return posting


def job_posting_email_send(*, posting_id: int, template: str) -> None:
    """Email the posting's author, or every member of its company if the
    author has gone. Run by job_posting_email_send_task, and by the hourly
    expiry task for renewal reminders."""
    posting = JobPosting.objects.select_related("employer", "created_by").get(pk=posting_id)
    recipients = [posting.created_by.email] if posting.created_by else []
    recipients = recipients or list(posting.employer.members.values_list("email", flat=True))
    context = {
        "posting": posting,
        "posting_url": settings.SITE_URL + reverse("jobs:employer_posting", kwargs={"posting_id": posting.pk}),
        "renew_days": settings.JOBS_POSTING_DAYS,
    }
    templated_email_send(to=recipients, name=template, context=context)


def _email_employer_later(posting: JobPosting, template: str) -> None:
    """Queue the email once the transaction commits: a mail server that is
    down must not undo, or fail, the change."""
    from ..tasks import job_posting_email_send_task

    posting_id = posting.pk
    transaction.on_commit(lambda: job_posting_email_send_task.enqueue(posting_id, template), robust=True)


def _known(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(POSTING_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown posting fields: {', '.join(sorted(unknown))}.")
    return {name: ("" if value is None and name in _BLANK_TEXT else value) for name, value in fields.items()}


_BLANK_TEXT = {"city", "state", "apply_url"}


def _check_owner(posting: JobPosting, user: User) -> None:
    if access_employer(user=user).pk != posting.employer_id:
        raise PermissionDenied("This posting belongs to another employer.")


def _check_staff(user: User) -> None:
    if not user.is_staff:
        raise PermissionDenied("Only staff review postings.")
