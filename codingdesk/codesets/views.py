"""Code pages and browsing. Each view parses input, calls selectors, renders."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from codingdesk.accounts import selectors as account_selectors
from codingdesk.accounts.guests import guest_cookie_set, viewer_from_request
from codingdesk.accounts.metering import code_page_view_record
from codingdesk.accounts.models import PlanName
from codingdesk.accounts.plans import plan_limits
from codingdesk.assistant.descriptions import code_description_approved
from codingdesk.edits.panels import code_edits_panel
from codingdesk.fees.panels import code_fee_panel
from codingdesk.lib.codes import is_code_shaped, normalize_code

from . import cpt, selectors
from .models import SYSTEM_DESCRIPTIONS, CodeSystem
from .summaries import code_summary

FLAT_SYSTEMS = {CodeSystem.HCPCS, CodeSystem.HCPCS_MODIFIER, CodeSystem.CPT}


def system_list(request: HttpRequest) -> HttpResponse:
    systems = [
        {
            "value": system.value,
            "label": system.label,
            "description": SYSTEM_DESCRIPTIONS[system],
            "release": selectors.release_for_date(system=system.value),
        }
        for system in CodeSystem
    ]
    for system in systems:
        if system["release"]:
            system.update(_cpt_context(system["value"]))
    return render(request, "codesets/system_list.html", {"systems": systems})


def system_browse(request: HttpRequest, system: str) -> HttpResponse:
    system = _system_or_404(system)
    release = _release_or_404(request, system)
    codes = selectors.code_top_level(release=release)
    letters, letter = [], ""
    if system in FLAT_SYSTEMS:
        letters = sorted({normalized[0] for normalized in codes.values_list("normalized", flat=True)})
        letter = request.GET.get("letter", letters[0] if letters else "")
        codes = codes.filter(normalized__startswith=letter[:1])
    context = {
        "system": system,
        "release": release,
        "codes": codes,
        "letters": letters,
        "letter": letter,
    }
    if system == CodeSystem.CPT:
        context["codes"] = list(codes)
        context.update(_cpt_context(system, context["codes"], release=release))
    return render(request, "codesets/system_browse.html", context)


def release_changes(request: HttpRequest, system: str) -> HttpResponse:
    """What changed between two releases: ?from=<version>&to=<version>,
    by default the release in force and the one before it."""
    system = _system_or_404(system)
    releases = list(selectors.release_list(system=system))
    newer = _release_named(releases, request.GET.get("to")) or (releases[0] if releases else None)
    older = _release_named(releases, request.GET.get("from")) or (
        selectors.release_previous(release=newer) if newer else None
    )
    diff = selectors.release_diff(from_release=older, to_release=newer) if older and newer else None
    context = {"system": system, "releases": releases, "older": older, "newer": newer, "diff": diff,
               "label": CodeSystem(system).label}
    if diff:
        changed = [*diff.added, *diff.deleted, *(code for pair in diff.retitled for code in pair)]
        context.update(_cpt_context(system, changed, release=newer))
    return render(request, "codesets/release_changes.html", context)


def _release_named(releases: list, version: str | None):
    return next((release for release in releases if release.version == version), None)


def code_detail(request: HttpRequest, system: str, code: str) -> HttpResponse:
    system = _system_or_404(system)
    if system == CodeSystem.CPT and (public_page := _cpt_public_code_page(request, code)):
        return public_page
    release = _release_or_404(request, system)
    found = selectors.code_get(release=release, code=code) if is_code_shaped(normalize_code(code)) else None
    if found is None:
        return _code_not_found(request, system, release, code)
    if code != found.code:
        return _redirect_keeping_query(request, "codesets:code_detail", system=system, code=found.code)
    access = code_page_view_record(viewer=viewer_from_request(request), system=found.system, code=found.code)
    cpt_context = _cpt_context(system, [found], release=release)
    # A viewer whose allowance is spent still sees the code and its official
    # descriptor; everything else gives way to a prompt.
    context = _code_page_context(request, found) if access.full_page else _code_header_context(request, found)
    context.update(access=access, **cpt_context, **_member_context(request, found))
    if not access.full_page:
        context["free_plan"] = plan_limits(name=PlanName.FREE)
    response = render(request, "codesets/code_detail.html", context)
    guest_cookie_set(request, response)
    return response


def _cpt_public_code_page(request: HttpRequest, code: str) -> HttpResponse | None:
    """A CPT code that no imported CPT file holds but the public CMS files
    (RVU, MUE, NCCI) name: its page shows those data, without a descriptor.
    None when the code is in the CPT file (its normal page) or unknown."""
    number = normalize_code(code)
    as_of = _as_of_date(request) or timezone.localdate()
    release = selectors.release_for_date(system=CodeSystem.CPT, as_of=as_of)
    if release and selectors.code_get(release=release, code=number):
        return None
    if not (is_code_shaped(number) and cpt.cpt_public_code_exists(number, date_of_service=as_of)):
        return None
    access = code_page_view_record(viewer=viewer_from_request(request), system=CodeSystem.CPT, code=number)
    context = {"code_number": number, "access": access, "as_of": request.GET.get("as_of", "")}
    if access.full_page:
        context["edits_panel"] = _edits_panel(request, CodeSystem.CPT, number)
        context["fee_panel"] = _fee_panel(request, CodeSystem.CPT, number)
    else:
        context["free_plan"] = plan_limits(name=PlanName.FREE)
    response = render(request, "codesets/cpt_public_code.html", context)
    guest_cookie_set(request, response)
    return response


def _code_header_context(request: HttpRequest, code) -> dict:
    return {"system": code.system, "code": code, "release": code.release, "ancestors": selectors.code_ancestors(code=code)}


def _member_context(request: HttpRequest, code) -> dict:
    """The star and the private note, for a signed-in member."""
    if not request.user.is_authenticated:
        return {}
    key = {"user": request.user, "system": code.system, "code": code.code}
    return {
        "is_favorite": account_selectors.favorite_exists(**key),
        "personal_note": account_selectors.code_note_get(**key),
    }


def _code_page_context(request: HttpRequest, code) -> dict:
    ancestors = selectors.code_ancestors(code=code)
    note_groups = selectors.note_groups(code=code, ancestors=ancestors)
    axis_definitions = selectors.axis_definitions_for(code=code)
    before, after = selectors.code_neighbours(code=code)
    seventh_characters = selectors.seventh_character_table(code=code, ancestors=ancestors)
    children = list(selectors.code_children(code=code)[:500])
    release = code.release
    return {
        "system": code.system,
        "code": code,
        "release": release,
        "ancestors": ancestors,
        "children": children,
        "note_groups": note_groups,
        "reference_targets": selectors.reference_targets(
            release=release, notes=[note for group in note_groups for note in group.notes]
        ),
        "seventh_characters": seventh_characters,
        "completions": [child for child in children if child.details.get("seventh_character")],
        # A CPT code whose descriptor is withheld has no summary: it would be the descriptor.
        "summary": code_summary(
            code=code, ancestors=ancestors, note_groups=note_groups, axis_definitions=axis_definitions
        ) if code.long_title else [],
        "axes": _axes_with_definitions(code, axis_definitions),
        "before": before,
        "after": after,
        "change_flag": selectors.code_change_flag(code=code, previous=selectors.release_previous(release=release)),
        "as_of": request.GET.get("as_of", ""),
        "edits_panel": _edits_panel(request, code.system, code.code),
        "fee_panel": _fee_panel(request, code.system, code.code),
        "approved_description": code_description_approved(system=code.system, code=code.code),
    }


def _edits_panel(request: HttpRequest, system: str, code: str):
    """NCCI edits and MUE limits: for procedure codes (HCPCS and CPT) only."""
    if system not in (CodeSystem.HCPCS, CodeSystem.CPT):
        return None
    return code_edits_panel(
        code=code,
        date_of_service=_as_of_date(request) or timezone.localdate(),
        setting=request.GET.get("setting", ""),
        page_number=request.GET.get("edits_page", 1),
    )


def _fee_panel(request: HttpRequest, system: str, code: str):
    """The physician fee schedule prices procedure codes (HCPCS and CPT) only."""
    if system not in (CodeSystem.HCPCS, CodeSystem.CPT):
        return None
    return code_fee_panel(
        code=code,
        date_of_service=_as_of_date(request) or timezone.localdate(),
        modifier=request.GET.get("modifier", ""),
        locality=request.GET.get("locality", ""),
    )


def _axes_with_definitions(code, axis_definitions) -> list[dict]:
    return [
        {"position": position, "title": title, "value": value, "label": label,
         "definition": axis_definitions.get((position, label))}
        for position, title, value, label in code.details.get("axes", [])
    ]


def _code_not_found(request: HttpRequest, system: str, release, code: str) -> HttpResponse:
    normalized = normalize_code(code)
    suggestions = selectors.code_suggestions(release=release, code=normalized) if is_code_shaped(normalized) else []
    context = {"query": code, "system": system, "release": release, "suggestions": suggestions}
    if suggestions:
        context.update(_cpt_context(system, suggestions, release=release))
    return render(request, "codesets/code_not_found.html", context, status=404)


def _cpt_context(system: str, codes: Iterable = (), *, release=None) -> dict:
    """CPT descriptors are withheld (blanked in ``codes``) on a site without a
    licence, and shown under the AMA notice on a licensed one (see cpt.py)."""
    if system != CodeSystem.CPT:
        return {}
    if cpt.cpt_licensed():
        return {"cpt_notice": cpt.cpt_notice(release=release)}
    cpt.cpt_descriptors_blank(codes)
    return {"cpt_withheld": True}


def _system_or_404(system: str) -> str:
    if system not in selectors.SYSTEM_CHOICES:
        raise Http404(f"No code system called {system!r}.")
    return system


def _release_or_404(request: HttpRequest, system: str):
    as_of = _as_of_date(request)
    release = selectors.release_for_date(system=system, as_of=as_of)
    if release is None:
        when = f" in force on {as_of:%B %-d, %Y}" if as_of else ""
        raise Http404(f"No {CodeSystem(system).label} release{when} has been imported.")
    return release


def _as_of_date(request: HttpRequest) -> datetime.date | None:
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"'as of' must be a date like 2026-04-01, not {raw!r}.") from None


def _redirect_keeping_query(request: HttpRequest, view_name: str, **kwargs) -> HttpResponse:
    url = reverse(view_name, kwargs=kwargs)
    if request.GET:
        url += "?" + urlencode(request.GET)
    return redirect(url, permanent=True)
