"""Plain-English summaries built from the structured data of a code.

This is the one place a code page's summary comes from. A later feature can
return edited or generated text here first and fall back to these.
"""

from __future__ import annotations

from .hcpcs_tables import COVERAGE
from .models import AxisDefinition, Code, CodeSystem, NoteKind
from .selectors import NoteGroup

MAX_LISTED_TERMS = 6


def code_summary(
    *,
    code: Code,
    ancestors: list[Code],
    note_groups: list[NoteGroup],
    axis_definitions: dict[tuple[int, str], AxisDefinition],
) -> list[str]:
    if code.system == CodeSystem.ICD10PCS:
        return _pcs_summary(code, axis_definitions)
    if code.system in (CodeSystem.HCPCS, CodeSystem.HCPCS_MODIFIER):
        return _hcpcs_summary(code)
    return _icd10cm_summary(code, ancestors, note_groups)


def _status_sentence(code: Code) -> str:
    if code.billable:
        return f"{code.code} is a billable {code.get_system_display()} code: it is valid on a claim."
    return (
        f"{code.code} is a header, not a billable code: a claim needs one of the more specific codes below it."
    )


def _icd10cm_summary(code: Code, ancestors: list[Code], note_groups: list[NoteGroup]) -> list[str]:
    paragraphs = [f"{_status_sentence(code)} It describes: {code.long_title}."]
    category = next((ancestor for ancestor in ancestors if ancestor.kind == "category"), None)
    chapter = ancestors[0] if ancestors else None
    if category and chapter:
        paragraphs.append(
            f"It belongs to category {category.code} ({category.long_title}) in chapter {chapter.code}, "
            f"{chapter.long_title}."
        )
    if meaning := code.details.get("seventh_character_meaning"):
        paragraphs.append(f"Its 7th character, {code.details['seventh_character']}, means {meaning}.")
    own_notes = [note for group in note_groups if not group.inherited for note in group.notes]
    if terms := [note.text for note in own_notes if note.kind == NoteKind.INCLUSION_TERM]:
        paragraphs.append("It also covers " + _listing(terms) + ".")
    excludes1 = [note.text for group in note_groups for note in group.notes if note.kind == NoteKind.EXCLUDES1]
    if excludes1:
        paragraphs.append(
            "Never report it together with (Excludes1): " + _listing(excludes1) + "; those are coded elsewhere."
        )
    excludes2 = [note.text for group in note_groups for note in group.notes if note.kind == NoteKind.EXCLUDES2]
    if excludes2:
        paragraphs.append(
            "Not included here, but may be reported alongside it when both are present (Excludes2): "
            + _listing(excludes2)
            + "."
        )
    return paragraphs


def _pcs_summary(code: Code, axis_definitions: dict[tuple[int, str], AxisDefinition]) -> list[str]:
    paragraphs = [f"{_status_sentence(code)} It reads: {code.long_title}."]
    for position, title, _value, label in code.details.get("axes", []):
        definition = axis_definitions.get((position, label))
        sentence = f"{title}: {label}."
        if definition and definition.definition:
            sentence = f"{title}: {label}, meaning {_lower_first(definition.definition)}."
        paragraphs.append(sentence)
    return paragraphs


def _hcpcs_summary(code: Code) -> list[str]:
    paragraphs = [f"{_status_sentence(code)} It describes: {code.long_title}."]
    details = code.details
    if coverage := COVERAGE.get(details.get("coverage_code", "")):
        paragraphs.append(f"Medicare coverage: {coverage}.")
    if code.termination_date:
        paragraphs.append(f"Medicare stopped accepting it after {code.termination_date:%B %-d, %Y}.")
    if code.added_date:
        paragraphs.append(f"It was added to HCPCS on {code.added_date:%B %-d, %Y}.")
    return paragraphs


def _listing(items: list[str]) -> str:
    shown = items[:MAX_LISTED_TERMS]
    more = len(items) - len(shown)
    text = "; ".join(shown)
    return f"{text}; and {more} more" if more else text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
