"""Reads for code sets: releases in force on a date, codes, their family and
notes, suggestions for codes that don't exist, and release diffs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from codingdesk.lib.codes import normalize_code

from .models import AxisDefinition, Code, CodeSystem, Note, NoteKind, Release

SUGGESTION_LIMIT = 12


def release_list(*, system: str | None = None) -> QuerySet[Release]:
    releases = Release.objects.all()
    if system:
        releases = releases.filter(system=system)
    return releases.order_by("system", "-effective_from", "-imported_at")


def release_get(*, system: str, id_or_version: str) -> Release | None:
    """A release of ``system`` by its version label (2026-04) or its id."""
    releases = Release.objects.filter(system=system)
    found = releases.filter(version=id_or_version).first()
    if found is None and id_or_version.isascii() and id_or_version.isdigit():
        found = releases.filter(id=int(id_or_version)).first()
    return found


def release_for_date(*, system: str, as_of: datetime.date | None = None) -> Release | None:
    """The release in force on ``as_of``: the newest one that had taken effect.

    Without a date, today's release; if every release is still to come, the
    earliest of them, so a fresh site shows the codes it just loaded.
    """
    releases = Release.objects.filter(system=system).order_by("-effective_from", "-imported_at")
    in_force = releases.filter(effective_from__lte=as_of or timezone.localdate()).first()
    if in_force or as_of:
        return in_force
    return releases.order_by("effective_from").first()


def release_previous(*, release: Release) -> Release | None:
    return (
        Release.objects.filter(system=release.system, effective_from__lt=release.effective_from)
        .order_by("-effective_from")
        .first()
    )


def code_get(*, release: Release, code: str) -> Code | None:
    return release.codes.filter(normalized=normalize_code(code)).first()


def code_ancestors(*, code: Code) -> list[Code]:
    """Chapter first, the code's parent last."""
    ancestors = []
    parent_code = code.parent_normalized
    while parent_code:
        parent = Code.objects.filter(release_id=code.release_id, normalized=parent_code).first()
        if parent is None:
            break
        ancestors.append(parent)
        parent_code = parent.parent_normalized
    return ancestors[::-1]


def code_children(*, code: Code) -> QuerySet[Code]:
    return Code.objects.filter(release_id=code.release_id, parent_normalized=code.normalized).order_by("sort_order")


def code_top_level(*, release: Release) -> QuerySet[Code]:
    return release.codes.filter(parent_normalized="").order_by("sort_order")


def code_neighbours(*, code: Code) -> tuple[Code | None, Code | None]:
    """The codes of the same kind just before and after this one."""
    same_kind = Code.objects.filter(release_id=code.release_id, kind=code.kind)
    before = same_kind.filter(sort_order__lt=code.sort_order).order_by("-sort_order").first()
    after = same_kind.filter(sort_order__gt=code.sort_order).order_by("sort_order").first()
    return before, after


@dataclass
class NoteGroup:
    """The notes written at one level of the hierarchy (a code or an ancestor)."""

    owner: Code
    notes: list[Note]
    inherited: bool


def note_groups(*, code: Code, ancestors: list[Code]) -> list[NoteGroup]:
    """Notes apply to everything below the code they are written under, so
    a code page shows its own notes and those of each ancestor, nearest first."""
    owners = [code, *reversed(ancestors)]
    notes_by_owner: dict[int, list[Note]] = {owner.id: [] for owner in owners}
    for note in Note.objects.filter(code_id__in=notes_by_owner).exclude(kind=NoteKind.SEVENTH_CHARACTER):
        notes_by_owner[note.code_id].append(note)
    return [
        NoteGroup(owner=owner, notes=notes_by_owner[owner.id], inherited=owner is not code)
        for owner in owners
        if notes_by_owner[owner.id]
    ]


def seventh_character_table(*, code: Code, ancestors: list[Code]) -> list[Note]:
    """The 7th-character definitions in force for this code: the nearest
    ancestor's (or its own) sevenChrDef."""
    for owner in [code, *reversed(ancestors)]:
        characters = list(owner.notes.filter(kind=NoteKind.SEVENTH_CHARACTER).order_by("sort_order"))
        if characters:
            return characters
    return []


def code_suggestions(*, release: Release, code: str) -> list[Code]:
    """Valid codes near one that does not exist, best first.

    - A code missing its placeholder X: W21.89A -> W21.89XA.
    - A code missing its 7th character, or any prefix: its completions.
    - Otherwise the codes under the longest prefix that does exist.
    """
    normalized = normalize_code(code)
    codes = release.codes.order_by("sort_order")
    placeholder_forms = _placeholder_forms(normalized)
    suggestions = list(codes.filter(normalized__in=placeholder_forms)) if placeholder_forms else []
    suggestions += codes.filter(normalized__startswith=normalized, billable=True).exclude(normalized=normalized)[
        :SUGGESTION_LIMIT
    ]
    for length in range(len(normalized) - 1, 0, -1):
        if suggestions:
            break
        suggestions = list(codes.filter(normalized__startswith=normalized[:length], billable=True)[:SUGGESTION_LIMIT])
    return _unique(suggestions)[:SUGGESTION_LIMIT]


def _placeholder_forms(normalized: str) -> list[str]:
    """W2189A -> W2189XA: keep the last character as the 7th and fill with X."""
    if not (4 <= len(normalized) < 7 and normalized[-1].isalpha()):
        return []
    return [normalized[:-1].ljust(6, "X") + normalized[-1]]


def _unique(codes: list[Code]) -> list[Code]:
    seen: set[int] = set()
    return [code for code in codes if not (code.id in seen or seen.add(code.id))]


def axis_definitions_for(*, code: Code) -> dict[tuple[int, str], AxisDefinition]:
    """ICD-10-PCS: the definition of each axis value of this code, by (position, label)."""
    axes = code.details.get("axes", [])
    if not axes:
        return {}
    section = code.normalized[0]
    definitions = AxisDefinition.objects.filter(
        release_id=code.release_id, section=section, term__in=[axis[3] for axis in axes]
    )
    return {(definition.position, definition.term): definition for definition in definitions}


@dataclass
class ReleaseDiff:
    from_release: Release
    to_release: Release
    added: list[Code]
    deleted: list[Code]
    retitled: list[tuple[Code, Code]]  # (old, new)


def release_diff(*, from_release: Release, to_release: Release, billable_only: bool = False) -> ReleaseDiff:
    old = _codes_by_normalized(from_release, billable_only)
    new = _codes_by_normalized(to_release, billable_only)
    return ReleaseDiff(
        from_release=from_release,
        to_release=to_release,
        # Dicts keep tabular order; iterate them rather than key sets, whose order is arbitrary.
        added=[code for key, code in new.items() if key not in old],
        deleted=[code for key, code in old.items() if key not in new],
        retitled=[(old[key], code) for key, code in new.items() if key in old and old[key].long_title != code.long_title],
    )


def _codes_by_normalized(release: Release, billable_only: bool) -> dict[str, Code]:
    # "release" too: the related manager sets each row's release, and a deferred
    # release_id would cost one query a row.
    codes = release.codes.only("id", "release", "code", "normalized", "long_title", "billable", "sort_order")
    if billable_only:
        codes = codes.filter(billable=True)
    return {code.normalized: code for code in codes.order_by("sort_order")}


def code_change_flag(*, code: Code, previous: Release | None) -> str:
    """'new' or 'retitled' against the previous release of the same system, else ''."""
    if previous is None:
        return ""
    titles = previous.codes.filter(normalized=code.normalized).values_list("long_title", flat=True)
    before = titles.first()
    if before is None:
        return "new"
    return "retitled" if before != code.long_title else ""


def reference_targets(*, release: Release, notes: list[Note]) -> dict[str, str]:
    """Map each referenced code or range in these notes to the printed code
    that exists in this release, so the page can link it."""
    wanted: set[str] = set()
    for note in notes:
        for reference in note.references:
            wanted.update({reference["first"], f"{reference['first']}-{reference['last']}"})
    return dict(release.codes.filter(normalized__in=wanted).order_by().values_list("normalized", "code"))


SYSTEM_CHOICES = {choice.value for choice in CodeSystem}
