"""Employers, their job postings and the reports users file against them.

A posting moves draft -> submitted -> published -> expired, and can be closed
from any state. Staff review submitted postings; a trusted employer's posting
is published at once unless a spam or scam signal flagged it. Credentials,
specialties and remote states are short JSON lists filtered with the
``__has`` lookup (lookups.py).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from codingdesk.lib.markdown import markdown_to_html

from . import lookups  # noqa: F401  (registers JSONField's __has)


class Credential(models.TextChoices):
    CPC = "CPC", "CPC"
    CPC_A = "CPC-A", "CPC-A (apprentice)"
    COC = "COC", "COC"
    CIC = "CIC", "CIC"
    CRC = "CRC", "CRC"
    CPMA = "CPMA", "CPMA"
    CCS = "CCS", "CCS"
    CCS_P = "CCS-P", "CCS-P"
    CCA = "CCA", "CCA"
    RHIT = "RHIT", "RHIT"
    RHIA = "RHIA", "RHIA"
    CDIP = "CDIP", "CDIP"
    CCDS = "CCDS", "CCDS"
    OTHER = "other", "Other"


def is_apprentice_credential(value: str) -> bool:
    """AAPC's "-A" designation marks an apprentice (CPC-A, COC-A, CIC-A, ...)."""
    return isinstance(value, str) and value.endswith("-A")


class Specialty(models.TextChoices):
    EM = "em", "E/M"
    SURGERY = "surgery", "Surgery"
    RADIOLOGY = "radiology", "Radiology"
    EMERGENCY = "emergency", "Emergency"
    ANESTHESIA = "anesthesia", "Anesthesia"
    RISK_ADJUSTMENT = "risk_adjustment", "Risk adjustment / HCC"
    INPATIENT_DRG = "inpatient_drg", "Inpatient DRG"
    OUTPATIENT_FACILITY = "outpatient_facility", "Outpatient facility"
    PRO_FEE = "pro_fee", "Pro-fee"
    AUDITING = "auditing", "Auditing"
    CDI = "cdi", "CDI"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    PER_DIEM = "per_diem", "Per diem"


class LocationType(models.TextChoices):
    REMOTE = "remote", "Remote"
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"


class ExperienceLevel(models.TextChoices):
    ENTRY = "entry", "Entry level (0-1 years)"
    MID = "mid", "Mid level (2-4 years)"
    SENIOR = "senior", "Senior (5+ years)"
    LEAD = "lead", "Lead or manager"


class PayPeriod(models.TextChoices):
    HOUR = "hour", "per hour"
    YEAR = "year", "per year"


class PostingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting review"
    PUBLISHED = "published", "Published"
    EXPIRED = "expired", "Expired"
    CLOSED = "closed", "Closed"


class ReviewFlag(models.TextChoices):
    """Why a posting waits for staff even from a trusted employer."""

    PAYMENT_REQUEST = "payment_request", "Asks applicants for money"
    APPLY_DOMAIN_MISMATCH = "apply_domain_mismatch", "External apply URL is not on the employer's website"
    NEW_EMPLOYER = "new_employer", "Brand-new employer"
    REPORTED = "reported", "Reported by users"


US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"),
    ("PA", "Pennsylvania"), ("PR", "Puerto Rico"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
    ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"),
    ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
]  # fmt: skip
STATE_CODES = frozenset(code for code, _ in US_STATES)
# Above this an "hourly" rate is almost surely a yearly salary, and below the
# other a "yearly" one an hourly rate: the period was picked wrong.
HOURLY_PAY_CEILING = 500
YEARLY_PAY_FLOOR = 1000


class Employer(models.Model):
    """A company profile. Its members (users with the employer role) manage
    its postings and see its applicants."""

    name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    logo = models.ImageField(upload_to="jobs/logos/", blank=True)
    description = models.TextField(blank=True, help_text="Markdown; rendered sanitized.")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="employers")
    is_trusted = models.BooleanField(
        default=False, help_text="Postings without review flags are published without waiting for staff."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def description_html(self) -> str:
        return markdown_to_html(self.description)


class JobPosting(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="postings")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="Markdown; rendered sanitized.")

    location_type = models.CharField(max_length=10, choices=LocationType.choices)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True, choices=US_STATES)
    # Remote work limited to these states; empty means anywhere in the US.
    remote_states = models.JSONField(default=list, blank=True)

    employment_type = models.CharField(max_length=10, choices=EmploymentType.choices)
    credentials = models.JSONField(default=list, blank=True, help_text="Required credentials.")
    preferred_credentials = models.JSONField(default=list, blank=True)
    specialties = models.JSONField(default=list, blank=True)
    experience_level = models.CharField(max_length=10, choices=ExperienceLevel.choices)
    apprentices_welcome = models.BooleanField(
        "Apprentices (-A credentials) welcome",
        default=False,
        help_text="Holders of an AAPC apprentice credential (CPC-A, COC-A, CIC-A, ...) may apply.",
    )

    pay_min = models.DecimalField(max_digits=10, decimal_places=2)
    pay_max = models.DecimalField(max_digits=10, decimal_places=2)
    pay_period = models.CharField(max_length=4, choices=PayPeriod.choices)

    # Blank: applicants apply on this site.
    apply_url = models.URLField(blank=True, max_length=500)

    status = models.CharField(max_length=10, choices=PostingStatus.choices, default=PostingStatus.DRAFT)
    review_flags = models.JSONField(default=list, blank=True)
    review_note = models.TextField(blank=True, help_text="Staff's reason when sending a posting back.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    renewal_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "-published_at"]), models.Index(fields=["status", "expires_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(pay_max__gte=models.F("pay_min")), name="job_pay_range_ordered"),
            models.CheckConstraint(condition=Q(pay_min__gt=0), name="job_pay_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.employer})"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", kwargs={"pk": self.pk})

    @property
    def description_html(self) -> str:
        return markdown_to_html(self.description)

    def clean(self) -> None:
        errors = {
            **self._location_errors(),
            **self._list_errors(),
            **self._apprentice_errors(),
            **self._pay_errors(),
        }
        if errors:
            raise ValidationError(errors)

    def _location_errors(self) -> dict[str, str]:
        errors = {}
        if self.location_type in (LocationType.ONSITE, LocationType.HYBRID):
            if not self.city.strip():
                errors["city"] = "On-site and hybrid jobs need a city."
            if not self.state:
                errors["state"] = "On-site and hybrid jobs need a state."
        unknown = [state for state in self.remote_states or [] if state not in STATE_CODES]
        if unknown:
            errors["remote_states"] = f"Not US state codes: {', '.join(map(str, unknown))[:100]}."
        elif self.remote_states and self.location_type != LocationType.REMOTE:
            errors["remote_states"] = "Only remote jobs are limited to states; give the city and state instead."
        return errors

    def _list_errors(self) -> dict[str, str]:
        errors = {}
        for field, choices in (
            ("credentials", Credential),
            ("preferred_credentials", Credential),
            ("specialties", Specialty),
        ):
            values = getattr(self, field) or []
            unknown = [value for value in values if value not in choices.values]
            if not isinstance(values, list) or unknown:
                errors[field] = f"Choose from: {', '.join(choices.values)}."
        return errors

    def _apprentice_errors(self) -> dict[str, str]:
        # Requiring an apprentice credential means apprentices are welcome;
        # saying otherwise would hide the job from their searches.
        required = [value for value in self.credentials or [] if is_apprentice_credential(value)]
        if required and not self.apprentices_welcome:
            return {
                "apprentices_welcome": f"You require {', '.join(required)}: tick “Apprentices (-A credentials) "
                "welcome”, or list it as preferred."
            }
        return {}

    def _pay_errors(self) -> dict[str, str]:
        if self.pay_min is None or self.pay_max is None:
            return {}
        if self.pay_min <= 0:
            return {"pay_min": "Give the lowest pay offered; pay transparency is required."}
        if self.pay_max < self.pay_min:
            return {"pay_max": "The top of the pay range is below its bottom."}
        if self.pay_period == PayPeriod.HOUR and self.pay_max > HOURLY_PAY_CEILING:
            return {"pay_period": "That looks like a yearly salary; choose 'per year'."}
        if self.pay_period == PayPeriod.YEAR and self.pay_min < YEARLY_PAY_FLOOR:
            return {"pay_period": "That looks like an hourly rate; choose 'per hour'."}
        return {}

    @property
    def is_published(self) -> bool:
        return self.status == PostingStatus.PUBLISHED

    @property
    def review_flag_labels(self) -> list[str]:
        """Why the posting waits for staff, in words."""
        return [ReviewFlag(flag).label for flag in self.review_flags or [] if flag in ReviewFlag.values]

    @property
    def is_renewable(self) -> bool:
        """Expired, or published and within JOBS_RENEWAL_NOTICE_DAYS of its
        expiry: renewing earlier would stack periods."""
        if self.status == PostingStatus.EXPIRED:
            return True
        if self.status != PostingStatus.PUBLISHED:
            return False
        notice = datetime.timedelta(days=settings.JOBS_RENEWAL_NOTICE_DAYS)
        return self.expires_at is None or self.expires_at <= timezone.now() + notice

    @property
    def applies_in_site(self) -> bool:
        return not self.apply_url

    @property
    def location_label(self) -> str:
        place = ", ".join(part for part in (self.city, self.state) if part)
        if self.location_type == LocationType.REMOTE:
            return f"Remote ({', '.join(self.remote_states)})" if self.remote_states else "Remote (US)"
        if self.location_type == LocationType.HYBRID:
            return f"Hybrid, {place}" if place else "Hybrid"
        return place

    @property
    def pay_label(self) -> str:
        def amount(value) -> str:
            return f"${value:,.2f}" if self.pay_period == PayPeriod.HOUR else f"${value:,.0f}"

        return f"{amount(self.pay_min)}-{amount(self.pay_max)} {self.get_pay_period_display()}"


class ReportReason(models.TextChoices):
    SCAM = "scam", "Scam or asks for money"
    SPAM = "spam", "Spam or not a coding job"
    MISLEADING = "misleading", "Misleading pay or details"
    FILLED = "filled", "Job is filled or gone"
    OTHER = "other", "Something else"


class JobReport(models.Model):
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_reports")
    reason = models.CharField(max_length=12, choices=ReportReason.choices)
    details = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["posting", "reporter"], name="job_report_once_per_user")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.posting}"
