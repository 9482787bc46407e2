"""Favorite codes: the star on code pages and search results, and the list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from codingdesk.codesets.models import CodeSystem

from .. import selectors, services

SYSTEM_LABELS = dict(CodeSystem.choices)


@login_required
def favorite_list(request: HttpRequest) -> HttpResponse:
    favorites = list(selectors.favorite_list(user=request.user))
    titles = selectors.code_titles(keys=[(favorite.system, favorite.code) for favorite in favorites])
    rows = [
        {
            "favorite": favorite,
            "title": titles.get((favorite.system, favorite.code), ""),
            "system_label": SYSTEM_LABELS.get(favorite.system, favorite.system),
        }
        for favorite in favorites
    ]
    return render(request, "accounts/favorite_list.html", {"rows": rows})


@require_POST
@login_required
def favorite_toggle(request: HttpRequest, system: str, code: str) -> HttpResponse:
    next_url = safe_next_url(request)
    htmx = bool(request.htmx)
    try:
        is_favorite = services.favorite_toggle(user=request.user, system=system, code=code)
    except ValidationError as error:
        if htmx:
            return HttpResponseBadRequest(" ".join(error.messages))
        messages.error(request, " ".join(error.messages))
        return redirect(next_url or "accounts:favorite_list")
    if htmx:
        context = {"system": system, "code_value": code, "is_favorite": is_favorite, "next": next_url}
        return render(request, "accounts/_favorite_star.html", context)
    return redirect(next_url or "accounts:favorite_list")


def safe_next_url(request: HttpRequest) -> str:
    """The posted ``next``, if it points into this site; else ""."""
    url = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""
