"""Search history: the member's recent searches, recording on or off, and clearing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import selectors, services


@login_required
def search_history_page(request: HttpRequest) -> HttpResponse:
    entries = selectors.search_history_list(user=request.user)
    return render(request, "accounts/search_history_page.html", {"entries": entries})


@require_POST
@login_required
def search_history_settings(request: HttpRequest) -> HttpResponse:
    enabled = request.POST.get("enabled") == "on"
    services.search_history_enabled_set(user=request.user, enabled=enabled)
    messages.success(request, "Your searches are recorded." if enabled else "Your searches are no longer recorded.")
    return redirect("accounts:search_history")


@require_POST
@login_required
def search_history_clear(request: HttpRequest) -> HttpResponse:
    deleted = services.search_history_clear(user=request.user)
    messages.success(request, f"Cleared {deleted} search{'es' if deleted != 1 else ''} from your history.")
    return redirect("accounts:search_history")
