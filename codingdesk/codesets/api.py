"""The code-set API under /api/v1/: code systems, their releases, code lookups
as of a date of service, and release diffs.

Operations check their input, call selectors and shape the answer. Every
error is raised as an ``HttpError`` so it reaches the client as JSON with a
``detail`` message (see config/api.py).
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.errors import HttpError
from pydantic import BeforeValidator

from codingdesk.accounts.api_limits import api_quota_spend
from codingdesk.lib.codes import MAX_CODE_LENGTH, is_code_shaped, normalize_code
from codingdesk.lib.dates import iso_date_parse

from . import cpt, selectors
from .models import SYSTEM_DESCRIPTIONS, Code, CodeSystem, Note, Release
from .schemas import (
    BadInputOut,
    CodeNotFoundOut,
    CodeOut,
    ErrorOut,
    ReleaseDiffOut,
    ReleaseOut,
    SystemOut,
)

router = Router(tags=["code sets"])

SYSTEM_HELP = "A code system: " + ", ".join(system.value for system in CodeSystem) + "."
# A release is named by its version label (2026-04, 2025-Q4) or its id. A
# number of 19 digits or more is refused: as an id it would overflow the
# 64-bit column and PostgreSQL would fail the query.
RELEASE_KEY = re.compile(r"^(?!\d{19,}$)[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


def _iso_date(value):
    # Pydantic alone would read a bare number as a Unix timestamp (as_of=0 is
    # 1970-01-01) and Python reads 20260401 as a date: take YYYY-MM-DD only.
    # An empty value means "not given", as in the HTML pages' forms.
    if not isinstance(value, str):
        return value
    if not value.strip():
        return None
    return iso_date_parse(value)


OptionalIsoDate = Annotated[datetime.date | None, BeforeValidator(_iso_date)]


@router.get("/systems", response=list[SystemOut], summary="Code systems and their current releases")
def system_list(request: HttpRequest):
    return [
        {
            "value": system.value,
            "label": system.label,
            "description": SYSTEM_DESCRIPTIONS[system],
            "current_release": selectors.release_for_date(system=system.value),
        }
        for system in CodeSystem
    ]


@router.get(
    "/systems/{system}/releases",
    response={200: list[ReleaseOut], 404: ErrorOut},
    summary="Every imported release of a code system, newest first",
)
def release_list(request: HttpRequest, system: str = Path(..., description=SYSTEM_HELP)):
    return selectors.release_list(system=system_or_404(system))


@router.get(
    "/systems/{system}/diff",
    response={200: ReleaseDiffOut, 400: BadInputOut, 404: ErrorOut},
    summary="Codes added, deleted and retitled between two releases",
)
def release_diff(
    request: HttpRequest,
    system: str = Path(..., description=SYSTEM_HELP),
    from_release: str = Query(..., alias="from", description="The older release: its version (2025-10) or id."),
    to_release: str = Query(..., alias="to", description="The newer release: its version (2026-04) or id."),
    billable_only: bool = Query(False, description="Compare billable codes only."),
):
    system = system_or_404(system)
    old = _release_or_404(system, from_release, parameter="from")
    new = _release_or_404(system, to_release, parameter="to")
    diff = selectors.release_diff(from_release=old, to_release=new, billable_only=billable_only)
    changed = [*diff.added, *diff.deleted, *(code for pair in diff.retitled for code in pair)]
    licence = _cpt_licence(system, changed)  # before the titles below are read
    return {
        "system": system,
        "from_release": old,
        "to_release": new,
        "billable_only": billable_only,
        "counts": {"added": len(diff.added), "deleted": len(diff.deleted), "retitled": len(diff.retitled)},
        "added": diff.added,
        "deleted": diff.deleted,
        "retitled": [
            {"code": new.code, "old_title": old.long_title, "new_title": new.long_title, "billable": new.billable}
            for old, new in diff.retitled
        ],
        "licence": licence,
    }


# {path:code} rather than {code}: a code holding a slash (E11/9, %2F) then
# reaches the operation and gets a 400 instead of an unmatched URL.
@router.get(
    "/codes/{system}/{path:code}",
    response={200: CodeOut, 400: BadInputOut, 401: ErrorOut, 404: CodeNotFoundOut, 429: ErrorOut},
    summary="A code as of a date of service, with its family and notes",
    description="Each call counts against the plan's monthly quota of code lookups, found or not.",
)
def code_detail(
    request: HttpRequest,
    system: str = Path(..., description=SYSTEM_HELP),
    code: str = Path(..., description="In any spelling: E11.9, e119, S52.531A."),
    as_of: OptionalIsoDate = Query(None, description="Date of service, YYYY-MM-DD. Defaults to today."),
):
    api_quota_spend(caller=request.auth)
    system = system_or_404(system)
    normalized = _code_or_400(code)
    release = _release_in_force_or_404(system, as_of)
    found = selectors.code_get(release=release, code=normalized)
    if found is None:
        return Status(
            404,
            {
                "detail": f"{CodeSystem(system).label} release {release.version} has no code {code.strip()}.",
                "suggestions": cpt.code_descriptors_withhold(
                    selectors.code_suggestions(release=release, code=normalized)
                ),
            },
        )
    return _code_payload(found)


def _code_payload(code: Code) -> dict:
    ancestors = selectors.code_ancestors(code=code)
    children = list(selectors.code_children(code=code))
    licence = _cpt_licence(code.system, [code, *ancestors, *children])
    return {
        "system": code.system,
        "code": code.code,
        "normalized": code.normalized,
        "long_title": code.long_title,
        "short_title": code.short_title,
        "billable": code.billable,
        "kind": code.kind,
        "parent": ancestors[-1] if ancestors else None,
        "children": children,
        "notes": _notes_payload(code, ancestors),
        "details": code.details,
        "dates": {"added": code.added_date, "effective": code.effective_date, "termination": code.termination_date},
        "release": code.release,
        "licence": licence,
    }


def _cpt_licence(system: str, codes: list[Code]) -> str | None:
    """CPT only: the AMA notice where the site may show descriptors; else
    why they are blank, after blanking them in ``codes`` (see cpt.py)."""
    if system != CodeSystem.CPT:
        return None
    if cpt.cpt_licensed():
        return " ".join(cpt.cpt_notice())
    cpt.cpt_descriptors_blank(codes)
    return cpt.CPT_LICENCE_NOTE


def _notes_payload(code: Code, ancestors: list[Code]) -> list[dict]:
    """A code's own notes and its ancestors': in the tabular a note applies
    to every code below the one it is written under."""
    owners = {owner.id: owner for owner in [code, *ancestors]}
    groups = selectors.note_groups(code=code, ancestors=ancestors)
    notes = [note for group in groups for note in group.notes]
    notes += selectors.seventh_character_table(code=code, ancestors=ancestors)
    targets = selectors.reference_targets(release=code.release, notes=notes)
    return [_note_payload(note, owners[note.code_id], code, targets) for note in notes]


def _note_payload(note: Note, owner: Code, code: Code, targets: dict[str, str]) -> dict:
    return {
        "kind": note.kind,
        "text": note.text,
        "character": note.character,
        "written_under": owner.code,
        "inherited": owner.id != code.id,
        "references": [{**reference, "code": _reference_target(reference, targets)} for reference in note.references],
    }


def _reference_target(reference: dict, targets: dict[str, str]) -> str | None:
    # A range (E08-E13) points to its block when there is one, else to its
    # first code, as on the HTML code page.
    return targets.get(f"{reference['first']}-{reference['last']}") or targets.get(reference["first"])


def system_or_404(system: str) -> str:
    if system not in selectors.SYSTEM_CHOICES:
        known = ", ".join(choice.value for choice in CodeSystem)
        raise HttpError(404, f"No code system called {system[:40]!r}. The systems are: {known}.")
    return system


def _code_or_400(code: str) -> str:
    """The normalized code, refused before it reaches the database if it
    cannot be one (PostgreSQL, for one, rejects a NUL in a query)."""
    if len(code) > MAX_CODE_LENGTH:
        raise HttpError(400, f"A code is at most {MAX_CODE_LENGTH} characters long; this one has {len(code)}.")
    normalized = normalize_code(code)
    if not is_code_shaped(normalized):
        raise HttpError(
            400, f"{code!r} is not a code: use letters, digits and an optional dot, like E11.9 or S52.531A."
        )
    return normalized


def _release_in_force_or_404(system: str, as_of: datetime.date | None) -> Release:
    release = selectors.release_for_date(system=system, as_of=as_of)
    if release:
        return release
    label = CodeSystem(system).label
    earliest = selectors.release_list(system=system).last()
    if earliest is None:
        raise HttpError(404, f"No {label} release has been imported.")
    raise HttpError(
        404,
        f"No {label} release was in force on {as_of.isoformat()}: the earliest imported release, "
        f"{earliest.version}, took effect on {earliest.effective_from.isoformat()}.",
    )


def _release_or_404(system: str, key: str, *, parameter: str) -> Release:
    key = key.strip()
    if not RELEASE_KEY.match(key):
        raise HttpError(400, f"'{parameter}' must be a release version like 2026-04 or a release id, not {key[:50]!r}.")
    release = selectors.release_get(system=system, id_or_version=key)
    if release is None:
        known = ", ".join(f"{release.version} (id {release.id})" for release in selectors.release_list(system=system))
        raise HttpError(
            404, f"No {CodeSystem(system).label} release has version or id {key!r}. Its releases: {known or 'none'}."
        )
    return release
