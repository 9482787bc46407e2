"""Keeping the board clean: posting rate limits, the spam and scam signals
that hold a posting for staff review, and users' reports.

The signals are deliberately simple and shown to staff with the posting; they
hold a posting for a person to judge, they never reject one by themselves.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from codingdesk.accounts.models import User

from ..models import Employer, JobPosting, JobReport, PostingStatus, ReportReason, ReviewFlag

# Scams aimed at new coders ask them to pay for "training", "equipment" or a
# "starter kit", or to cash a check and send money on. Employers also write
# about fees they pay ("we reimburse certification fees"): only a request that
# the applicant pay counts.
#
# These name a way of moving money that no real employer asks an applicant to
# use, whoever the sentence says pays.
MONEY_TRANSFER = re.compile(
    r"\b(gift\s?cards?|wire(\s+transfer)?|western\s+union|moneygram|zelle|cash\s?app|venmo|bitcoin|"
    r"crypto(currency)?)\b"
    r"|\bstarter\s+kit\b"
    r"|\b(upfront|up-front|refundable)\s+(fee|payment|deposit|cost)\b"
    r"|\b(deposit|cash)\s+(the|a|this)\s+check\b"
    r"|\bsend\s+(us\s+)?(a\s+|the\s+)?(check|money|payment)\b",
    re.IGNORECASE,
)
# These ask the applicant for money, unless the same sentence says the
# employer pays (EMPLOYER_PAYS).
APPLICANT_PAYS = re.compile(
    r"\b(pay|paying|submit)\s+(for\s+)?(a|an|the|your|our|us|\$\s?[\d,.]+)?\s*"
    r"([\w-]+\s+){0,2}(fee|fees|deposit|payment|money)\b"
    r"|\b(purchase|purchasing|buy|buying)\s+(a|an|the|your|our)?\s*"
    r"([\w-]+\s+){0,2}(equipment|kit|laptop|computer|software|supplies)\b"
    r"|\b(fee|fees|deposit|payment)\s+((is|are)\s+)?(required|due|payable|non-?refundable)\b"
    r"|\b(fee|fees|deposit|payment)\s+to\s+(apply|start|begin|register|enroll|be\s+considered)\b"
    r"|\$\s?\d[\d,.]*\s+([\w-]+\s+){0,2}(fee|fees|deposit)\b"
    r"|\b(application|processing|registration|onboarding|background[- ]check)\s+(fee|fees|deposit)s?\b",
    re.IGNORECASE,
)
EMPLOYER_PAYS = re.compile(
    r"\b(we|employer|company)\s+(will\s+)?(reimburse|reimburses|cover|covers|pay|pays|provide|provides|supply|"
    r"supplies|purchase|buy|ship|ships|send|sends)\b"
    r"|\b(covered|paid(\s+for)?|provided|supplied|reimbursed)\s+by\s+(us|the\s+employer|employer|the\s+company)\b"
    r"|\b(employer|company)[- ](paid|provided)\b"
    r"|\bat\s+no\s+cost\b|\bfree\s+of\s+charge\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def payment_request_found(text: str) -> bool:
    """Whether the text asks the applicant for money (see MONEY_TRANSFER
    and APPLICANT_PAYS)."""
    for sentence in SENTENCE_END.split(text):
        if MONEY_TRANSFER.search(sentence):
            return True
        if APPLICANT_PAYS.search(sentence) and not EMPLOYER_PAYS.search(sentence):
            return True
    return False


class PostingRateLimited(ValidationError):
    """Too many new postings in 24 hours (the API answers 429)."""


def job_posting_rate_limit_check(*, employer: Employer, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    since = now - datetime.timedelta(days=1)
    if employer.postings.filter(created_at__gte=since).count() >= settings.JOBS_POSTS_PER_DAY:
        raise PostingRateLimited(
            f"You have created {settings.JOBS_POSTS_PER_DAY} postings in the last 24 hours, the most allowed. "
            "Try again tomorrow, or edit an existing draft."
        )


def job_posting_review_flags(*, posting: JobPosting, now: datetime.datetime | None = None) -> list[str]:
    """The signals that hold this posting for staff review, as ReviewFlag values."""
    flags = []
    if payment_request_found(f"{posting.title}\n{posting.description}"):
        flags.append(ReviewFlag.PAYMENT_REQUEST.value)
    if posting.apply_url and not _same_site(posting.apply_url, posting.employer.website):
        flags.append(ReviewFlag.APPLY_DOMAIN_MISMATCH.value)
    if _is_brand_new(posting.employer, now or timezone.now()):
        flags.append(ReviewFlag.NEW_EMPLOYER.value)
    return flags


def job_report_create(*, posting: JobPosting, reporter: User, reason: str, details: str = "") -> JobReport:
    """A user reports a published posting. Once JOBS_REPORTS_TO_HIDE users
    have open reports on it, it leaves the board until staff look at it."""
    if not reporter.is_authenticated:
        raise PermissionDenied("Sign in to report a job.")
    if posting.status != PostingStatus.PUBLISHED:
        raise ValidationError("Only a published job can be reported.")
    if reason not in ReportReason.values:
        raise ValidationError(f"Choose a reason: {', '.join(ReportReason.values)}.")
    report = JobReport(posting=posting, reporter=reporter, reason=reason, details=details.strip())
    report.full_clean(exclude=["posting", "reporter"])
    try:
        with transaction.atomic():
            report.save()
            _hide_if_reported_enough(posting)
    except IntegrityError:
        raise ValidationError("You have already reported this job; staff will look at it.") from None
    return report


def job_report_resolve(*, report: JobReport, staff: User) -> JobReport:
    if not staff.is_staff:
        raise PermissionDenied("Only staff resolve reports.")
    if report.resolved_at is None:
        report.resolved_at = timezone.now()
        report.resolved_by = staff
        report.save(update_fields=["resolved_at", "resolved_by"])
    return report


def _hide_if_reported_enough(posting: JobPosting) -> None:
    open_reports = posting.reports.filter(resolved_at__isnull=True).count()
    if open_reports >= settings.JOBS_REPORTS_TO_HIDE:
        posting.status = PostingStatus.SUBMITTED
        posting.review_flags = sorted({*posting.review_flags, ReviewFlag.REPORTED.value})
        posting.save(update_fields=["status", "review_flags", "updated_at"])


def _same_site(url: str, website: str) -> bool:
    """Whether the apply URL is on the employer's own domain or a subdomain of
    it (jobs.valleyhealth.org for valleyhealth.org). No website: not known."""
    apply_host = _host(url)
    site_host = _host(website)
    if not apply_host or not site_host:
        return False
    return apply_host == site_host or apply_host.endswith("." + site_host) or site_host.endswith("." + apply_host)


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def _is_brand_new(employer: Employer, now: datetime.datetime) -> bool:
    """Younger than JOBS_NEW_EMPLOYER_DAYS with no posting ever published.
    Staff's trust outweighs age."""
    if employer.is_trusted:
        return False
    young = employer.created_at > now - datetime.timedelta(days=settings.JOBS_NEW_EMPLOYER_DAYS)
    return young and not employer.postings.filter(published_at__isnull=False).exists()
