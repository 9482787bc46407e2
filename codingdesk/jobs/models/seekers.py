"""What job seekers keep: their applications to postings (with the résumé,
in private storage) and their saved searches, which email digests of new
matches."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import models

from ..storage import ResumeStorage, resume_upload_to
from .postings import JobPosting


class ApplicationStatus(models.TextChoices):
    NEW = "new", "New"
    REVIEWING = "reviewing", "Reviewing"
    INTERVIEWING = "interviewing", "Interviewing"
    REJECTED = "rejected", "Not selected"
    HIRED = "hired", "Hired"


# Where an application may go next: forward only, never back to "new"; a hire
# is final, and a rejection may be reconsidered (back to reviewing).
STATUS_CHANGES = {
    ApplicationStatus.NEW: {
        ApplicationStatus.REVIEWING, ApplicationStatus.INTERVIEWING, ApplicationStatus.REJECTED, ApplicationStatus.HIRED
    },
    ApplicationStatus.REVIEWING: {ApplicationStatus.INTERVIEWING, ApplicationStatus.REJECTED, ApplicationStatus.HIRED},
    ApplicationStatus.INTERVIEWING: {ApplicationStatus.REJECTED, ApplicationStatus.HIRED},
    ApplicationStatus.REJECTED: {ApplicationStatus.REVIEWING},
    ApplicationStatus.HIRED: set(),
}  # fmt: skip


class Application(models.Model):
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_applications")
    resume = models.FileField(storage=ResumeStorage(), upload_to=resume_upload_to, max_length=200)
    # The name the applicant's file had, offered again when it is downloaded.
    resume_filename = models.CharField(max_length=200)
    cover_note = models.TextField(blank=True, max_length=5000)
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.NEW)
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["posting", "applicant"], name="job_application_once_per_posting")
        ]

    def __str__(self) -> str:
        return f"{self.applicant} -> {self.posting}"

    @property
    def status_options(self) -> list[tuple[str, str]]:
        """The current status and those it may change to, for the employer's menu."""
        allowed = STATUS_CHANGES[self.status] | {self.status}
        return [(value, label) for value, label in ApplicationStatus.choices if value in allowed]


def search_params(filters: dict[str, Any]) -> list[tuple[str, str]]:
    """job_search's keyword arguments as the job list's GET parameters
    (which have the same names)."""
    return [(name, _param(value)) for name, value in filters.items() if value not in (None, "")]


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class AlertFrequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class SavedSearch(models.Model):
    """A job search to re-run for its user: ``filters`` holds job_search's
    keyword arguments (as the search form cleans them, JSON-safe)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_job_searches")
    name = models.CharField(max_length=100)
    filters = models.JSONField(default=dict, blank=True)
    frequency = models.CharField(max_length=6, choices=AlertFrequency.choices, default=AlertFrequency.DAILY)
    active = models.BooleanField(default=True, help_text="Off once unsubscribed: no more alert emails.")
    created_at = models.DateTimeField(auto_now_add=True)
    # The digest covers postings published after this (or after created_at).
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @property
    def querystring(self) -> str:
        """The job list's query string that shows this search's results."""
        return urlencode(search_params(self.filters))
