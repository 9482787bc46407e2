"""Applying to a job, a seeker's applications, and an employer's applicants
for one posting (with résumé downloads and status changes).

Résumés are served only by application_resume, to the applicant or a user
of the employer; anyone else gets a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..forms.seekers import ApplicationForm, ApplicationStatusForm
from ..selectors import (
    access_application_resume,
    application_list_for_applicant,
    application_list_for_posting,
    application_of_user,
    job_postings_open,
)
from ..services.applications import (
    RESUME_CONTENT_TYPES,
    access_employer_application,
    application_create,
    application_status_set,
)
from ..services.postings import access_employer_posting


@login_required
def application_create_page(request: HttpRequest, pk: int) -> HttpResponse:
    posting = job_postings_open().filter(pk=pk).first()
    if posting is None or not posting.applies_in_site:
        raise Http404("This job does not take applications on CodingDesk.")
    if application_of_user(user=request.user, posting=posting) is not None:
        messages.info(request, "You have already applied to this job.")
        return redirect("jobs:application_list")
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            application_create(posting=posting, applicant=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Your application to {posting.employer.name} was sent.")
            return redirect("jobs:application_list")
    status = 400 if form.is_bound else 200
    return render(request, "jobs/application_form.html", {"form": form, "posting": posting}, status=status)


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    applications = application_list_for_applicant(user=request.user)
    return render(request, "jobs/application_list.html", {"applications": applications})


@login_required
def application_applicants(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = access_employer_posting(user=request.user, posting_id=posting_id)
    applications = application_list_for_posting(posting=posting)
    context = {"posting": posting, "applications": applications}
    return render(request, "jobs/application_applicants.html", context)


@login_required
@require_POST
def application_status(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access_employer_application(user=request.user, application_id=application_id)
    form = ApplicationStatusForm(request.POST)
    if form.is_valid():
        try:
            application_status_set(application=application, user=request.user, status=form.cleaned_data["status"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{application.applicant.email}: {application.get_status_display()}.")
    else:
        messages.error(request, "Choose one of the listed statuses.")
    return redirect("jobs:application_applicants", posting_id=application.posting_id)


@login_required
def application_resume(request: HttpRequest, application_id: int) -> FileResponse:
    application = access_application_resume(user=request.user, application_id=application_id)
    if application is None:
        raise Http404("There is no such résumé.")
    kind = application.resume.name.rsplit(".", 1)[-1]
    response = FileResponse(
        application.resume.open("rb"),
        as_attachment=True,
        filename=application.resume_filename,
        content_type=RESUME_CONTENT_TYPES[kind],
    )
    response["Cache-Control"] = "private, no-store"
    return response
