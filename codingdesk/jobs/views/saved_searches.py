"""Saved job searches (list, save, delete) and the unsubscribe link that
every alert email carries, which works without logging in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..forms.seekers import JobSearchForm, SavedSearchForm
from ..selectors import saved_search_list
from ..services.alerts import (
    access_saved_search_by_token,
    saved_search_create,
    saved_search_delete,
    saved_search_unsubscribe,
)


@login_required
def saved_search_list_page(request: HttpRequest) -> HttpResponse:
    """GET lists the user's saved searches; POST saves the search whose
    filters come as hidden fields from the job list."""
    if request.method == "POST":
        search_form = JobSearchForm(request.POST)
        form = SavedSearchForm(request.POST)
        if search_form.is_valid() and form.is_valid():
            try:
                saved_search_create(user=request.user, filters=search_form.search_filters(), **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Search saved. New matches will be emailed to you.")
        else:
            messages.error(request, "That search could not be saved; check its filters.")
        return redirect("jobs:saved_search_list")
    return render(request, "jobs/saved_search_list.html", {"saved_searches": saved_search_list(user=request.user)})


@login_required
@require_POST
def saved_search_delete_page(request: HttpRequest, saved_search_id: int) -> HttpResponse:
    saved_search_delete(user=request.user, saved_search_id=saved_search_id)
    messages.success(request, "Saved search deleted.")
    return redirect("jobs:saved_search_list")


# Mail clients' one-click unsubscribe (RFC 8058) POSTs here without cookies,
# so there can be no CSRF token; the signed token in the URL is what
# authorises the change, and all it can do is stop emails.
@csrf_exempt
def saved_search_unsubscribe_page(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (link scanners follow GETs); POST unsubscribes."""
    if request.method == "POST":
        saved_search = saved_search_unsubscribe(token=token)
        return render(request, "jobs/saved_search_unsubscribed.html", {"saved_search": saved_search})
    saved_search = access_saved_search_by_token(token=token)
    return render(request, "jobs/saved_search_unsubscribe.html", {"saved_search": saved_search, "token": token})
