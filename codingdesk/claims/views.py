"""The claim-line scrubber page: a form of pasted lines, a date of service
and a setting, and the scrubber's findings in three sections, one a layer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .parsing import ClaimLinesInvalid, DateOfServiceInvalid, claim_text_parse, date_of_service_parse
from .scrub import SETTINGS, claim_scrub

# Shown in the page's example block; CPT/HCPCS numbers only.
EXAMPLE_CLAIM = "11042 1 A\n97597-59 1 A\n20610-RT 1 AB\nJ1100 4 A\n99213-25 1 A"
LAYER_HEADINGS = {
    "ptp": "NCCI procedure-to-procedure edits",
    "mue": "Medically Unlikely Edits",
    "fee_status": "Fee schedule status",
}
MAX_TEXT_LENGTH = 20_000


def claim_scrubber(request: HttpRequest) -> HttpResponse:
    form = {"text": "", "date_of_service": timezone.localdate().isoformat(), "setting": "practitioner"}
    context = {"form": form, "settings": SETTINGS, "errors": [], "result": None, "example": EXAMPLE_CLAIM}
    if request.method != "POST":
        return render(request, "claims/claim_scrubber.html", context)
    form.update(
        text=request.POST.get("lines", "")[:MAX_TEXT_LENGTH],
        date_of_service=request.POST.get("date_of_service", "").strip(),
        setting=request.POST.get("setting", "practitioner"),
    )
    errors = context["errors"]
    if form["setting"] not in SETTINGS:
        errors.append(f"Choose a setting: {', '.join(SETTINGS.values())}.")
    try:
        day = date_of_service_parse(form["date_of_service"])
    except DateOfServiceInvalid as error:
        errors.append(str(error))
    try:
        lines = claim_text_parse(form["text"])
    except ClaimLinesInvalid as error:
        errors.extend(error.errors)
    if errors:
        return render(request, "claims/claim_scrubber.html", context, status=400)
    result = claim_scrub(lines=lines, date_of_service=day, setting=form["setting"])
    context["result"] = result
    context["layers"] = [(key, LAYER_HEADINGS[key], result.layers[key]) for key in LAYER_HEADINGS]
    return render(request, "claims/claim_scrubber.html", context)
