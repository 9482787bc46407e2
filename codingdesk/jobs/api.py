"""The jobs API: search and read published jobs (anyone), and create and
update postings (employers, with an API key).

Rule breaks come back as 400 with the reasons in ``detail``, another
company's posting as 404, and too many new postings in a day as 429.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from .models import JobPosting, PostingStatus
from .schemas import ErrorOut, JobCreatedOut, JobIn, JobListOut, JobOut, JobPatchIn
from .selectors import job_postings_open, job_search
from .services.employers import employer_of_user
from .services.moderation import PostingRateLimited
from .services.postings import (
    access_employer_posting,
    job_posting_close,
    job_posting_create,
    job_posting_submit,
    job_posting_update,
)

router = Router(tags=["jobs"])

MAX_LIMIT = 100


class JobFilters(Schema):
    q: str | None = None
    remote: bool | None = None
    state: str | None = None
    credential: str | None = None
    specialty: str | None = None
    employment_type: str | None = None
    pay_min: float | None = None
    apprentices: bool | None = None
    posted_within_days: int | None = None
    sort: str = "newest"
    limit: int = 20
    offset: int = 0


@router.get("/jobs", response={200: JobListOut, 400: ErrorOut}, summary="Search published jobs")
def jobs_search(request: HttpRequest, filters: Query[JobFilters]):
    """Filters combine with AND. `pay_min` keeps jobs whose range reaches it;
    `sort` is newest or relevance (with `q`). Pages with `limit` (up to 100)
    and `offset`."""
    if not 1 <= filters.limit <= MAX_LIMIT or filters.offset < 0:
        raise HttpError(400, f"limit must be 1 to {MAX_LIMIT} and offset 0 or more.")
    arguments = filters.dict(exclude={"limit", "offset"})
    try:
        postings = job_search(**arguments)
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from None
    page = postings.select_related("employer")[filters.offset : filters.offset + filters.limit]
    return {"results": [_job_out(posting) for posting in page], "count": postings.count()}


@router.get("/jobs/{job_id}", response={200: JobOut, 404: ErrorOut}, summary="One job")
def jobs_detail(request: HttpRequest, job_id: int):
    """A job on the board (published and not past its expiry); an employer's
    key also reads its own postings in any state."""
    posting = job_postings_open().filter(pk=job_id).first()
    if posting is None:
        posting = JobPosting.objects.select_related("employer").filter(pk=job_id).first()
        if posting is None or not _is_own(request, posting):
            raise Http404(f"There is no published job {job_id}.")
    return _job_out(posting)


@router.post(
    "/jobs",
    response={201: JobCreatedOut, 400: ErrorOut, 403: ErrorOut, 429: ErrorOut},
    summary="Post a job (employers)",
)
def jobs_create(request: HttpRequest, payload: JobIn):
    """Created and submitted for publication, unless `submit` is false.
    Trusted employers' postings are published at once unless flagged for
    review; others wait for staff."""
    user = _employer_user(request)
    fields = payload.dict(exclude={"submit"}, exclude_none=True)
    with _api_errors():
        posting = job_posting_create(user=user, fields=fields, submit=payload.submit)
    return Status(201, _created_out(posting))


@router.patch(
    "/jobs/{job_id}",
    response={200: JobCreatedOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Update one of your postings (employers)",
)
def jobs_update(request: HttpRequest, job_id: int, payload: JobPatchIn):
    """Send only the fields that change. Editing a published posting may send
    it back for review."""
    user = _employer_user(request)
    # One transaction: a refused status change must not leave the field changes saved.
    with _api_errors(), transaction.atomic():
        posting = access_employer_posting(user=user, posting_id=job_id)
        fields = payload.dict(exclude={"status"}, exclude_unset=True)
        if fields:
            posting = job_posting_update(posting=posting, user=user, fields=fields)
        posting = _status_change(posting, user, payload.status)
    return _created_out(posting)


def _status_change(posting: JobPosting, user, status: str | None) -> JobPosting:
    if status is None or status == posting.status:
        return posting
    if status == PostingStatus.SUBMITTED:
        return job_posting_submit(posting=posting, user=user)
    if status == PostingStatus.CLOSED:
        return job_posting_close(posting=posting, user=user)
    raise ValidationError("status can only be set to submitted or closed.")


@contextmanager
def _api_errors():
    """Service errors as API answers."""
    try:
        yield
    except PostingRateLimited as error:
        raise HttpError(429, " ".join(error.messages)) from None
    except ValidationError as error:
        raise HttpError(400, _sentence(error)) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None


def _sentence(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)


def _employer_user(request: HttpRequest):
    user = request.auth.user
    if user is None:
        raise HttpError(403, "Posting jobs needs an employer's API key (Authorization: Bearer cdk_...).")
    return user


def _is_own(request: HttpRequest, posting: JobPosting) -> bool:
    user = request.auth.user
    employer = employer_of_user(user=user) if user is not None else None
    return employer is not None and employer.pk == posting.employer_id


def _job_url(posting: JobPosting) -> str:
    return settings.SITE_URL + reverse("jobs:detail", kwargs={"pk": posting.pk})


def _created_out(posting: JobPosting) -> dict:
    return {"id": posting.pk, "status": posting.status, "url": _job_url(posting)}


def _job_out(posting: JobPosting) -> dict:
    return {
        "id": posting.pk,
        "url": _job_url(posting),
        "title": posting.title,
        "employer": {"name": posting.employer.name, "website": posting.employer.website},
        "status": posting.status,
        "description": posting.description,
        "description_html": posting.description_html,
        "location_type": posting.location_type,
        "location": posting.location_label,
        "city": posting.city,
        "state": posting.state,
        "remote_states": posting.remote_states,
        "employment_type": posting.employment_type,
        "credentials": posting.credentials,
        "preferred_credentials": posting.preferred_credentials,
        "specialties": posting.specialties,
        "experience_level": posting.experience_level,
        "apprentices_welcome": posting.apprentices_welcome,
        "pay_min": float(posting.pay_min),
        "pay_max": float(posting.pay_max),
        "pay_period": posting.pay_period,
        "apply_url": posting.apply_url or None,
        "published_at": posting.published_at,
        "expires_at": posting.expires_at,
    }
