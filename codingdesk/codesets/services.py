"""Writes for code sets: importing official releases.

An import is parsed completely before anything is written, then written in
one transaction, so a bad file never touches the releases already loaded.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from codingdesk.lib.codes import normalize_code
from codingdesk.lib.files import file_sha256

from .importers import importer_for
from .importers.base import ImportFileError, ParsedRelease
from .models import AxisDefinition, Code, Note, Release
from .references import find_references

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
# Called as on_progress(rows_written, rows_total) while a release is written.
ProgressCallback = Callable[[int, int], None]


@dataclass
class ImportOutcome:
    release: Release
    created: bool


def code_release_import(
    *, system: str, paths: list[Path], on_progress: ProgressCallback | None = None, version: str | None = None
) -> list[ImportOutcome]:
    """Import one official release (some formats hold two code systems, such
    as HCPCS procedures and modifiers). Files already imported are skipped.
    ``version`` names the release where the files do not (CPT only)."""
    importer = importer_for(system)
    paths = [Path(path) for path in paths]
    checksum = files_checksum(paths)
    already = list(Release.objects.filter(checksum=checksum, system__in=importer.SYSTEMS))
    if already:
        return [ImportOutcome(release=release, created=False) for release in already]

    parsed_releases = importer.parse(paths, version=version) if version else importer.parse(paths)
    for parsed in parsed_releases:
        check_parsed_release(parsed)
    with transaction.atomic():
        releases = [_write_release(parsed, checksum, on_progress) for parsed in parsed_releases]
    _refresh_planner_statistics()
    for release in releases:
        logger.debug("Imported %s: %s codes, %s billable", release, release.code_count, release.billable_count)
    return [ImportOutcome(release=release, created=True) for release in releases]


def _refresh_planner_statistics() -> None:
    """Without fresh statistics SQLite may walk the sort-order index instead
    of the (release, code) one, which makes a code page three times slower."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Code._meta.db_table}")


def files_checksum(paths: list[Path]) -> str:
    """One sha256 over every file's own digest, in name order."""
    combined = hashlib.sha256()
    for digest in sorted(file_sha256(path) for path in paths):
        combined.update(digest.encode())
    return combined.hexdigest()




def check_parsed_release(parsed: ParsedRelease) -> None:
    """Refuse a release that would break lookups: no codes, or one code twice."""
    source = parsed.source_files[0]
    if not parsed.codes:
        raise ImportFileError(source, "whole file", "codes", "the file holds no codes")
    seen: dict[str, str] = {}
    for parsed_code in parsed.codes:
        normalized = normalize_code(parsed_code.code)
        if normalized in seen:
            raise ImportFileError(
                source, parsed_code.location, "code", f"{parsed_code.code} appears twice (first at {seen[normalized]})"
            )
        seen[normalized] = parsed_code.location


def _write_release(parsed: ParsedRelease, checksum: str, on_progress: ProgressCallback | None) -> Release:
    # A corrected file for the same official release replaces the old rows.
    Release.objects.filter(system=parsed.system, version=parsed.version).delete()
    release = Release.objects.create(
        system=parsed.system,
        version=parsed.version,
        effective_from=parsed.effective_from,
        effective_to=parsed.effective_to,
        source_files=[{"name": path.name, "sha256": file_sha256(path)} for path in parsed.source_files],
        checksum=checksum,
        code_count=len(parsed.codes),
        billable_count=sum(1 for parsed_code in parsed.codes if parsed_code.billable),
        note_count=sum(len(parsed_code.notes) for parsed_code in parsed.codes),
    )
    _write_codes(release, parsed, on_progress)
    _write_notes(release, parsed)
    AxisDefinition.objects.bulk_create(
        (AxisDefinition(release=release, **vars(definition)) for definition in parsed.axis_definitions),
        batch_size=BATCH_SIZE,
    )
    return release


def _write_codes(release: Release, parsed: ParsedRelease, on_progress: ProgressCallback | None) -> None:
    total = len(parsed.codes)
    for start in range(0, total, BATCH_SIZE):
        batch = parsed.codes[start : start + BATCH_SIZE]
        Code.objects.bulk_create(
            Code(
                release=release,
                system=parsed.system,
                code=parsed_code.code,
                normalized=normalize_code(parsed_code.code),
                long_title=parsed_code.long_title,
                short_title=parsed_code.short_title,
                billable=parsed_code.billable,
                kind=parsed_code.kind,
                parent_normalized=normalize_code(parsed_code.parent),
                depth=parsed_code.depth,
                sort_order=start + offset,
                added_date=parsed_code.added_date,
                effective_date=parsed_code.effective_date,
                termination_date=parsed_code.termination_date,
                details=parsed_code.details,
            )
            for offset, parsed_code in enumerate(batch)
        )
        if on_progress:
            on_progress(start + len(batch), total)


def _write_notes(release: Release, parsed: ParsedRelease) -> None:
    code_ids = dict(release.codes.values_list("normalized", "id"))
    notes = (
        Note(
            code_id=code_ids[normalize_code(parsed_code.code)],
            kind=note.kind,
            text=note.text,
            character=note.character,
            references=find_references(note.text),
            sort_order=order,
        )
        for parsed_code in parsed.codes
        for order, note in enumerate(parsed_code.notes)
    )
    Note.objects.bulk_create(notes, batch_size=BATCH_SIZE)
