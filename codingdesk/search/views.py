"""The search results page and the type-ahead list under the search box."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from codingdesk import search
from codingdesk.accounts import selectors as account_selectors
from codingdesk.accounts import services as account_services
from codingdesk.codesets.models import CodeSystem

TYPEAHEAD_LIMIT = 8
PAGE_LIMIT = 50


def search_results(request: HttpRequest) -> HttpResponse:
    form = _read_form(request)
    context = {"form": form, "systems": CodeSystem.choices, "query": form["q"], "results": [], "error": form["error"]}
    if form["q"] and not form["error"]:
        try:
            response = search.search(
                form["q"], system=form["system"] or None, limit=PAGE_LIMIT,
                billable_only=form["billable"], as_of=form["as_of"],
            )
        except search.QueryTooLong as error:
            context["error"] = str(error)
            return render(request, "search/search_results.html", context, status=400)
        if request.user.is_authenticated:
            account_services.search_history_record(user=request.user, query=form["q"])
        if _is_exact_code(response) and not request.GET.get("list"):
            top = response.results[0]
            return redirect("codesets:code_detail", system=top.system, code=top.code)
        context["results"] = response.results
        if request.user.is_authenticated:
            context["favorite_keys"] = _favorite_keys(request.user)
    return render(request, "search/search_results.html", context, status=400 if form["error"] else 200)


def search_typeahead(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[: search.MAX_QUERY_LENGTH]
    results = search.search(query, limit=TYPEAHEAD_LIMIT).results if query.strip() else []
    return render(request, "search/_typeahead.html", {"results": results, "query": query})


def _favorite_keys(user) -> set[str]:
    """Each of the member's favorites as "system:code", since a template
    cannot build the (system, code) tuples that the selector returns."""
    return {f"{system}:{code}" for system, code in account_selectors.favorite_keys(user=user)}


def _is_exact_code(response) -> bool:
    return bool(response.results) and response.results[0].matched == ["code"]


def _read_form(request: HttpRequest) -> dict:
    form = {
        "q": request.GET.get("q", "").strip(),
        "system": request.GET.get("system", ""),
        "billable": request.GET.get("billable") in ("1", "on", "true"),
        "as_of": None,
        "as_of_text": request.GET.get("as_of", "").strip(),
        "error": "",
    }
    if form["system"] not in {choice.value for choice in CodeSystem}:
        form["system"] = ""
    if form["as_of_text"]:
        try:
            form["as_of"] = datetime.date.fromisoformat(form["as_of_text"])
        except ValueError:
            form["error"] = f"'As of' must be a date like 2026-04-01, not {form['as_of_text']!r}."
    return form
