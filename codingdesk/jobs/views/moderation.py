"""Staff's review queue (postings awaiting review, with their flags, and open
reports) and the report-a-job form for signed-in users."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..forms.postings import JobReportForm, PostingReturnForm
from ..models import JobPosting, JobReport, PostingStatus
from ..selectors import job_posting_review_queue, job_report_list_open
from ..services.moderation import job_report_create, job_report_resolve
from ..services.postings import job_posting_approve, job_posting_reject


@staff_member_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    context = {"postings": job_posting_review_queue(), "reports": job_report_list_open()}
    return render(request, "jobs/moderation_queue.html", context)


@require_POST
@staff_member_required
def moderation_approve(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = get_object_or_404(JobPosting, pk=posting_id)
    try:
        job_posting_approve(posting=posting, reviewer=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Published: {posting.title}.")
    return redirect("jobs:moderation_queue")


@require_POST
@staff_member_required
def moderation_return(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = get_object_or_404(JobPosting, pk=posting_id)
    form = PostingReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Say what the employer must change.")
        job_posting_reject(posting=posting, reviewer=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Sent back to the employer: {posting.title}.")
    return redirect("jobs:moderation_queue")


@require_POST
@staff_member_required
def moderation_report_resolve(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(JobReport, pk=report_id)
    job_report_resolve(report=report, staff=request.user)
    messages.success(request, "Report resolved.")
    return redirect("jobs:moderation_queue")


@login_required
def posting_report(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_object_or_404(JobPosting, pk=pk, status=PostingStatus.PUBLISHED)
    form = JobReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job_report_create(posting=posting, reporter=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Thank you. Staff will look at this job.")
            return redirect("jobs:detail", pk=posting.pk)
    status = 400 if form.is_bound else 200
    return render(request, "jobs/posting_report.html", {"form": form, "posting": posting}, status=status)
