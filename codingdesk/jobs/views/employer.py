"""Employers' pages: the company profile, their postings (a dashboard, a
page per posting) and the forms to write, submit, renew and close them.

Every view reaches a posting through access_employer_posting, so another
company's posting is a 404 and a non-employer gets 403.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.views.decorators.http import require_POST

from ..forms.postings import EmployerProfileForm, JobPostingForm
from ..models import Employer, JobPosting, PostingStatus
from ..selectors import employer_posting_list
from ..services.employers import access_employer, employer_of_user, employer_profile_save
from ..services.postings import (
    access_employer_posting,
    job_posting_close,
    job_posting_create,
    job_posting_renew,
    job_posting_submit,
    job_posting_update,
)


@login_required
def employer_profile(request: HttpRequest) -> HttpResponse:
    employer = employer_of_user(user=request.user)
    if request.method == "POST":
        form = EmployerProfileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                employer_profile_save(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Company profile saved.")
                return redirect("jobs:employer_dashboard")
    elif employer is not None:
        form = EmployerProfileForm(
            initial={"name": employer.name, "website": employer.website, "description": employer.description}
        )
    else:
        form = EmployerProfileForm()
    status = 400 if form.is_bound else 200
    return render(request, "jobs/employer_profile.html", {"form": form, "employer": employer}, status=status)


def employer_logo(request: HttpRequest, employer_id: int) -> FileResponse:
    """A company's logo, for anyone: logos are public, and served here rather
    than from MEDIA_URL because the site serves no media folder in production.
    Saved logos are always PNGs re-encoded by employer_logo_resize."""
    employer = get_object_or_404(Employer, pk=employer_id)
    if not employer.logo:
        raise Http404("This employer has no logo.")
    response = FileResponse(employer.logo.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def employer_dashboard(request: HttpRequest) -> HttpResponse:
    if employer_of_user(user=request.user) is None:
        return redirect("jobs:employer_profile")
    employer = access_employer(user=request.user)
    postings = employer_posting_list(employer=employer)
    return render(request, "jobs/employer_dashboard.html", {"employer": employer, "postings": postings})


@login_required
def posting_create(request: HttpRequest) -> HttpResponse:
    access_employer(user=request.user)
    form = JobPostingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            posting = job_posting_create(
                user=request.user, fields=form.posting_fields(), submit="submit" in request.POST
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _saved_message(posting))
            return redirect("jobs:employer_posting", posting_id=posting.pk)
    status = 400 if form.is_bound else 200
    return render(request, "jobs/posting_form.html", {"form": form, "posting": None}, status=status)


@login_required
def posting_edit(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = access_employer_posting(user=request.user, posting_id=posting_id)
    form = JobPostingForm(request.POST or None, instance=posting)
    if request.method == "POST" and form.is_valid():
        try:
            posting = job_posting_update(
                posting=posting, user=request.user, fields=form.posting_fields(), submit="submit" in request.POST
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _saved_message(posting))
            return redirect("jobs:employer_posting", posting_id=posting.pk)
    status = 400 if form.is_bound else 200
    return render(request, "jobs/posting_form.html", {"form": form, "posting": posting}, status=status)


@login_required
def employer_posting(request: HttpRequest, posting_id: int) -> HttpResponse:
    """The employer's view of one posting: a preview, its status and what can be done next."""
    posting = access_employer_posting(user=request.user, posting_id=posting_id)
    context = {"posting": posting, "renew_days": settings.JOBS_POSTING_DAYS}
    return render(request, "jobs/posting_manage.html", context)


@require_POST
@login_required
def posting_submit(request: HttpRequest, posting_id: int) -> HttpResponse:
    return _lifecycle_step(request, posting_id, job_posting_submit)


@require_POST
@login_required
def posting_renew(request: HttpRequest, posting_id: int) -> HttpResponse:
    return _lifecycle_step(request, posting_id, job_posting_renew)


@require_POST
@login_required
def posting_close(request: HttpRequest, posting_id: int) -> HttpResponse:
    return _lifecycle_step(request, posting_id, job_posting_close)


def _lifecycle_step(request: HttpRequest, posting_id: int, service) -> HttpResponse:
    posting = access_employer_posting(user=request.user, posting_id=posting_id)
    try:
        posting = service(posting=posting, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _saved_message(posting))
    return redirect("jobs:employer_posting", posting_id=posting.pk)


def _saved_message(posting: JobPosting) -> str:
    return {
        PostingStatus.DRAFT: "Saved as a draft. Submit it when it is ready.",
        PostingStatus.SUBMITTED: "Submitted. Staff review new postings, usually within a working day.",
        PostingStatus.PUBLISHED: f"Published until {_day(posting.expires_at)}.",
        PostingStatus.EXPIRED: "This posting has expired.",
        PostingStatus.CLOSED: "Closed. It no longer appears on the board.",
    }[posting.status]


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "M j, Y")
