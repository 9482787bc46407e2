"""Reads for the job board: the public job search, and the applications and
saved searches a seeker or an employer may see."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Case, DecimalField, ExpressionWrapper, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from codingdesk.accounts.models import User

from .models import (
    STATE_CODES,
    Application,
    Credential,
    Employer,
    EmploymentType,
    JobPosting,
    JobReport,
    LocationType,
    PayPeriod,
    PostingStatus,
    SavedSearch,
    Specialty,
)
from .models.postings import HOURLY_PAY_CEILING, is_apprentice_credential

SORTS = ("newest", "relevance")
# Full-time hours in a year: an hourly rate times this compares with a salary.
HOURS_PER_YEAR = 2080
# Relevance: a word in the title counts more than one in the employer's name
# or the description.
TITLE_WEIGHT, EMPLOYER_WEIGHT, DESCRIPTION_WEIGHT = 3, 2, 1


def job_search(
    *,
    q: str | None = None,
    remote: bool | None = None,
    state: str | None = None,
    credential: str | None = None,
    specialty: str | None = None,
    employment_type: str | None = None,
    pay_min: float | Decimal | None = None,
    apprentices: bool | None = None,
    posted_within_days: int | None = None,
    sort: str = "newest",
) -> QuerySet[JobPosting]:
    """Published, unexpired postings matching every filter given.

    ``state`` keeps jobs one can do from that state: on-site and hybrid jobs
    there, and remote jobs open to it. ``pay_min`` keeps jobs whose range
    reaches it; up to HOURLY_PAY_CEILING it is an hourly rate, above it a
    yearly salary, and hourly and yearly postings are compared at
    HOURS_PER_YEAR. Unknown choices raise ValidationError.
    """
    _check_choices(state=state, credential=credential, specialty=specialty, employment_type=employment_type, sort=sort)
    postings = job_postings_open()
    words = (q or "").split()
    for word in words:
        postings = postings.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(employer__name__icontains=word)
        )
    postings = _filter_place(postings, remote=remote, state=state)
    if credential:
        wanted = Q(credentials__has=credential) | Q(preferred_credentials__has=credential)
        if is_apprentice_credential(credential):
            # An apprentice qualifies for any posting that welcomes apprentices.
            wanted |= Q(apprentices_welcome=True)
        postings = postings.filter(wanted)
    if specialty:
        postings = postings.filter(specialties__has=specialty)
    if employment_type:
        postings = postings.filter(employment_type=employment_type)
    if pay_min is not None:
        postings = _filter_pay(postings, Decimal(str(pay_min)))
    if apprentices:
        postings = postings.filter(apprentices_welcome=True)
    if posted_within_days:
        postings = postings.filter(published_at__gte=timezone.now() - datetime.timedelta(days=posted_within_days))
    if sort == "relevance" and words:
        return postings.annotate(relevance=_relevance(words)).order_by("-relevance", "-published_at", "-pk")
    return postings.order_by("-published_at", "-pk")


def job_postings_open() -> QuerySet[JobPosting]:
    """Postings a seeker can see: published and not past their expiry (the
    hourly task marks them expired, but may not have run yet)."""
    return JobPosting.objects.select_related("employer").filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()), status=PostingStatus.PUBLISHED
    )


def _check_choices(**values: str | None) -> None:
    allowed = {
        "state": STATE_CODES,
        "credential": Credential.values,
        "specialty": Specialty.values,
        "employment_type": EmploymentType.values,
        "sort": SORTS,
    }
    errors = [f"Unknown {name}: {value!r}." for name, value in values.items() if value and value not in allowed[name]]
    if errors:
        raise ValidationError(" ".join(errors))


def _filter_place(postings: QuerySet[JobPosting], *, remote: bool | None, state: str | None) -> QuerySet[JobPosting]:
    if remote is True:
        postings = postings.filter(location_type=LocationType.REMOTE)
    elif remote is False:
        postings = postings.exclude(location_type=LocationType.REMOTE)
    if state:
        open_remote = Q(location_type=LocationType.REMOTE) & (Q(remote_states=[]) | Q(remote_states__has=state))
        postings = postings.filter(open_remote | (~Q(location_type=LocationType.REMOTE) & Q(state=state)))
    return postings


def _filter_pay(postings: QuerySet[JobPosting], pay_min: Decimal) -> QuerySet[JobPosting]:
    wanted_yearly = pay_min * HOURS_PER_YEAR if pay_min <= HOURLY_PAY_CEILING else pay_min
    yearly_max = Case(
        When(pay_period=PayPeriod.HOUR, then=ExpressionWrapper(F("pay_max") * HOURS_PER_YEAR, DecimalField())),
        default=F("pay_max"),
        output_field=DecimalField(),
    )
    return postings.annotate(yearly_pay_max=yearly_max).filter(yearly_pay_max__gte=wanted_yearly)


def _relevance(words: list[str]):
    score = Value(0)
    for word in words:
        for field, weight in (
            ("title", TITLE_WEIGHT),
            ("employer__name", EMPLOYER_WEIGHT),
            ("description", DESCRIPTION_WEIGHT),
        ):
            score = score + Case(When(**{f"{field}__icontains": word}, then=Value(weight)), default=Value(0))
    return ExpressionWrapper(score, output_field=IntegerField())


def job_posting_review_queue() -> QuerySet[JobPosting]:
    """Postings awaiting staff review, oldest submission first."""
    return (
        JobPosting.objects.filter(status=PostingStatus.SUBMITTED)
        .select_related("employer")
        .order_by("submitted_at", "pk")
    )


def job_report_list_open() -> QuerySet[JobReport]:
    return JobReport.objects.filter(resolved_at__isnull=True).select_related("posting", "reporter")


def employer_posting_list(*, employer: Employer) -> QuerySet[JobPosting]:
    """All of a company's postings, whatever their status, newest first."""
    return employer.postings.order_by("-created_at")


def job_posting_is_own(*, user: User, posting: JobPosting) -> bool:
    """Whether the user is one of the posting's company's users."""
    return user.is_authenticated and posting.employer.members.filter(pk=user.pk).exists()


def application_list_for_applicant(*, user: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("posting", "posting__employer")


def application_list_for_posting(*, posting: JobPosting) -> QuerySet[Application]:
    return posting.applications.select_related("applicant").order_by("created_at")


def application_of_user(*, user: User, posting: JobPosting) -> Application | None:
    if not user.is_authenticated:
        return None
    return Application.objects.filter(applicant=user, posting=posting).first()


def access_application_resume(*, user: User, application_id: int) -> Application | None:
    """The application whose résumé ``user`` may read: their own, or one sent
    to a posting of a company they belong to. None for anyone else, so that
    the view answers 404 and ids tell nothing."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.filter(Q(applicant=user) | Q(posting__employer__members=user), pk=application_id)
        .distinct()
        .first()
    )


def saved_search_list(*, user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user)
