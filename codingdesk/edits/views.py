"""The NCCI tool pages: a PTP pair check of a claim's codes and an MUE check
of one code's units, each a GET form over the check the API also answers.

Bad input is shown beside its field (status 400); a date no release covers
gets the check's own message. The pages are not metered: only code pages are.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from .checks import MUE_DATASETS, PTP_DATASETS, ClaimCode, mue_check, ptp_check
from .models import ModifierIndicator, MueAdjudicationIndicator
from .parsing import claim_codes_parse, date_of_service_parse, setting_parse, units_parse
from .selectors import EditReleaseNotLoaded

PTP_SETTINGS = {"practitioner": "Practitioner", "hospital": "Outpatient hospital"}
MUE_SETTINGS = {**PTP_SETTINGS, "dme": "DME supplier"}
# What a PTP edit's modifier indicator means for the claim (NCCI Policy
# Manual for Medicare Services, chapter I, section E).
MODIFIER_INDICATOR_MEANINGS = {
    ModifierIndicator.NOT_ALLOWED: "No modifier bypasses this edit: the column 2 code is not paid with the "
    "column 1 code for the same patient on the same date, by the same provider.",
    ModifierIndicator.ALLOWED: "An NCCI-associated modifier (59, XE, XS, XP, XU, an anatomic modifier and others) "
    "bypasses the edit when the services were truly distinct; without one the column 2 code is not paid.",
}
EXAMPLE_CODES = "11042, 97597-59, 0001A"
MAX_TEXT_LENGTH = 1_000


def ptp_tool(request: HttpRequest) -> HttpResponse:
    form = {
        "codes": request.GET.get("codes", "")[:MAX_TEXT_LENGTH],
        "date": request.GET.get("date", timezone.localdate().isoformat())[:MAX_TEXT_LENGTH],
        "setting": request.GET.get("setting", "practitioner")[:MAX_TEXT_LENGTH],
    }
    context = {"form": form, "settings": PTP_SETTINGS, "errors": {}, "example": EXAMPLE_CODES}
    if "codes" not in request.GET:
        return render(request, "edits/ptp_tool.html", context)
    errors = context["errors"]
    lines = _field(errors, "codes", claim_codes_parse, form["codes"])
    day = _field(errors, "date", date_of_service_parse, form["date"])
    _field(errors, "setting", setting_parse, form["setting"], PTP_DATASETS)
    if errors:
        return render(request, "edits/ptp_tool.html", context, status=400)
    form["date"] = day.isoformat()
    context.update(checked=True, date_of_service=day, json_url=_json_url("api:edits_ptp", {
        "codes": ",".join(_written(line) for line in lines), "date": day.isoformat(), "setting": form["setting"],
    }))
    try:
        result = ptp_check(lines=lines, date_of_service=day, setting=form["setting"])
    except EditReleaseNotLoaded as error:
        context["notice"] = str(error)
        return render(request, "edits/ptp_tool.html", context)
    context["release"] = result.release
    context["findings"] = [(finding, *_indicator_explained(finding.modifier_indicator)) for finding in result.findings]
    return render(request, "edits/ptp_tool.html", context)


def mue_tool(request: HttpRequest) -> HttpResponse:
    form = {
        "code": request.GET.get("code", "")[:MAX_TEXT_LENGTH],
        "units": request.GET.get("units", "1")[:MAX_TEXT_LENGTH],
        "date": request.GET.get("date", timezone.localdate().isoformat())[:MAX_TEXT_LENGTH],
        "setting": request.GET.get("setting", "practitioner")[:MAX_TEXT_LENGTH],
    }
    context = {"form": form, "settings": MUE_SETTINGS, "errors": {}}
    if "code" not in request.GET:
        return render(request, "edits/mue_tool.html", context)
    errors = context["errors"]
    lines = _field(errors, "code", claim_codes_parse, form["code"], allow_modifiers=False)
    units = _field(errors, "units", units_parse, form["units"])
    day = _field(errors, "date", date_of_service_parse, form["date"])
    _field(errors, "setting", setting_parse, form["setting"], MUE_DATASETS)
    if errors:
        return render(request, "edits/mue_tool.html", context, status=400)
    (line,) = lines
    form["date"] = day.isoformat()
    context.update(checked=True, date_of_service=day, json_url=_json_url("api:edits_mue", {
        "code": line.code, "units": units, "date": day.isoformat(), "setting": form["setting"],
    }))
    try:
        finding = mue_check(code=line.code, units=units, date_of_service=day, setting=form["setting"])
    except EditReleaseNotLoaded as error:
        context["notice"] = str(error)
        return render(request, "edits/mue_tool.html", context)
    context["finding"] = finding
    context["mai_label"] = MueAdjudicationIndicator(finding.mai).label if finding.mai else ""
    return render(request, "edits/mue_tool.html", context)


def _field(errors: dict[str, str], name: str, parse, *args, **kwargs):
    """The parsed value, or None with the parser's sentence in ``errors[name]``."""
    try:
        return parse(*args, **kwargs)
    except ValueError as error:
        errors[name] = str(error)
        return None


def _indicator_explained(indicator: str) -> tuple[str, str]:
    """The modifier indicator's label ("1: an NCCI-associated modifier allowed") and what it means."""
    return ModifierIndicator(indicator).label, MODIFIER_INDICATOR_MEANINGS[indicator]


def _written(line: ClaimCode) -> str:
    return "-".join([line.code, *line.modifiers])


def _json_url(name: str, params: dict) -> str:
    return f"{reverse(name)}?{urlencode(params)}"
