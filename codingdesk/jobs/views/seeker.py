"""The public job board: the search with its filters, a job's page (with
schema.org JSON-LD) and the Atom feed of new jobs. Applying and saved
searches are in applications.py and saved_searches.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from ..forms.seekers import JobSearchForm, SavedSearchForm
from ..models import JobPosting, Specialty
from ..models.seekers import search_params
from ..selectors import application_of_user, job_posting_is_own, job_postings_open, job_search
from ..structured_data import job_posting_json_ld, json_ld_script

PAGE_SIZE = 20
FEED_SIZE = 50


def job_list(request: HttpRequest) -> HttpResponse:
    """Every filter and the page number are GET parameters, so any page of
    results can be shared or bookmarked."""
    form = JobSearchForm(request.GET)
    if form.is_valid():
        filters = form.search_filters()
        postings = job_search(**filters, sort=form.sort_order())
    else:
        filters = {}
        postings = JobPosting.objects.none()
    page = Paginator(postings, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "filter_params": search_params(filters),
        "saved_search_form": SavedSearchForm(),
    }
    return render(request, "jobs/job_list.html", context, status=200 if form.is_valid() else 400)


def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    posting = job_postings_open().filter(pk=pk).first()
    if posting is None:
        raise Http404("This job is not on the board (it may have expired or been filled).")
    url = settings.SITE_URL + posting.get_absolute_url()
    context = {
        "posting": posting,
        "application": application_of_user(user=request.user, posting=posting),
        "specialty_labels": [Specialty(value).label for value in posting.specialties if value in Specialty.values],
        "is_own_posting": job_posting_is_own(user=request.user, posting=posting),
        "json_ld": json_ld_script(job_posting_json_ld(posting=posting, url=url)),
    }
    return render(request, "jobs/job_detail.html", context)


class JobFeed(Feed):
    """The newest published jobs, as Atom."""

    feed_type = Atom1Feed
    title = "CodingDesk: new medical coding jobs"
    subtitle = "Remote and on-site coding, auditing and CDI jobs."

    def link(self) -> str:
        return reverse("jobs:list")

    def items(self):
        return job_search()[:FEED_SIZE]

    def item_title(self, posting: JobPosting) -> str:
        return f"{posting.title} · {posting.employer.name} · {posting.location_label}"

    def item_description(self, posting: JobPosting) -> str:
        return f"<p>{posting.pay_label}</p>{posting.description_html}"

    def item_pubdate(self, posting: JobPosting):
        return posting.published_at

    def item_author_name(self, posting: JobPosting) -> str:
        return posting.employer.name


job_feed = JobFeed()
