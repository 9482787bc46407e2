"""Personal notes on codes: saved from the code page, listed on "My notes"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import selectors, services
from .favorites import SYSTEM_LABELS


@login_required
def code_note_list(request: HttpRequest) -> HttpResponse:
    notes = list(selectors.code_note_list(user=request.user))
    titles = selectors.code_titles(keys=[(note.system, note.code) for note in notes])
    rows = [
        {
            "note": note,
            "title": titles.get((note.system, note.code), ""),
            "system_label": SYSTEM_LABELS.get(note.system, note.system),
        }
        for note in notes
    ]
    return render(request, "accounts/code_note_list.html", {"rows": rows})


@require_POST
@login_required
def code_note_save(request: HttpRequest, system: str, code: str) -> HttpResponse:
    try:
        note = services.code_note_save(user=request.user, system=system, code=code, text=request.POST.get("text", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your note is saved." if note else "Your note is deleted.")
    if system not in SYSTEM_LABELS:
        return redirect("accounts:code_note_list")
    return redirect(reverse("codesets:code_detail", kwargs={"system": system, "code": code}))
