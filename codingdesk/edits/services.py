"""Writes for NCCI edits: importing official PTP and MUE releases.

The file names and headers are checked before anything is written; the rows
are then read and written inside one transaction, so a bad row anywhere
(even in the last part file) rolls the whole release back and leaves the
release in force untouched. PTP rows stream from the files into the
database rather than being parsed into a list first: a practitioner release
is 2.4 million rows, several hundred megabytes as Python objects.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from codingdesk.lib.files import file_sha256

from .importers import IMPORTERS, importer_for
from .importers.base import ImportFileError, ParsedEditRelease
from .models import EditDataset, EditRationale, EditRelease, MueLimit, PtpEdit

logger = logging.getLogger(__name__)

BATCH_SIZE = 50_000
# Called as on_progress(rows_written, rows_expected) while a release is written.
ProgressCallback = Callable[[int, int], None]
PTP_DATASETS = {EditDataset.PTP_PRACTITIONER, EditDataset.PTP_HOSPITAL}


@dataclass
class EditImportOutcome:
    release: EditRelease
    created: bool


def edit_release_import(
    *, dataset: str, paths: list[Path], on_progress: ProgressCallback | None = None
) -> EditImportOutcome:
    """Import one release of ``dataset`` (all the part files of a PTP release,
    or one MUE file). Files already imported are skipped; files for a release
    already loaded (the same version) replace it."""
    importer = importer_for(dataset)
    paths = [Path(path) for path in paths]
    digests = {path: file_sha256(path) for path in paths}
    checksum = _combined_checksum(digests)
    already = EditRelease.objects.filter(dataset=dataset, checksum=checksum).first()
    if already:
        return EditImportOutcome(release=already, created=False)

    parsed = importer.parse(paths)
    if parsed.dataset != dataset:
        raise ImportFileError(
            parsed.source_files[0], "file name", "dataset", f"the file is {parsed.dataset} data, not {dataset}"
        )
    with transaction.atomic():
        # A corrected file set for the same official release replaces the old rows.
        EditRelease.objects.filter(dataset=dataset, version=parsed.version).delete()
        release = EditRelease.objects.create(
            dataset=dataset,
            version=parsed.version,
            effective_from=parsed.effective_from,
            source_files=[{"name": path.name, "sha256": digests[path]} for path in parsed.source_files],
            checksum=checksum,
        )
        write = _write_ptp_rows if dataset in PTP_DATASETS else _write_mue_rows
        release.row_count = write(release, parsed, on_progress)
        if not release.row_count:
            raise ImportFileError(parsed.source_files[0], "whole file", "rows", "the files hold no edits")
        release.save(update_fields=["row_count"])
        _chain_effective_to(dataset)
    _refresh_planner_statistics(PtpEdit if dataset in PTP_DATASETS else MueLimit)
    release.refresh_from_db()
    logger.info("Imported %s: %s rows", release, release.row_count)
    return EditImportOutcome(release=release, created=True)


def edits_import_all(*, data_dir: Path, on_progress: ProgressCallback | None = None) -> list[EditImportOutcome]:
    """Every PTP and MUE release found in ``data_dir``, oldest first within
    each dataset, so each new release closes the one before it."""
    outcomes = []
    for module in dict.fromkeys(IMPORTERS.values()):
        for paths in module.find_sources(Path(data_dir)):
            outcomes.append(
                edit_release_import(dataset=module.dataset_of(paths), paths=paths, on_progress=on_progress)
            )
    return outcomes


def _chain_effective_to(dataset: str) -> None:
    """Each release runs to the day before the next one of its dataset starts;
    the newest has no end. Recomputed over all of them, so an older release
    imported late slots in between."""
    releases = list(EditRelease.objects.filter(dataset=dataset).order_by("effective_from"))
    for release, successor in itertools.zip_longest(releases, releases[1:]):
        effective_to = successor.effective_from - datetime.timedelta(days=1) if successor else None
        if release.effective_to != effective_to:
            release.effective_to = effective_to
            release.save(update_fields=["effective_to"])


def _write_ptp_rows(release: EditRelease, parsed: ParsedEditRelease, on_progress: ProgressCallback | None) -> int:
    rationale_ids = dict(EditRationale.objects.values_list("text", "id"))
    columns = [
        "release_id", "column1", "column2", "in_existence_prior_1996",
        "effective", "deletion", "modifier_indicator", "rationale_id",
    ]
    write_batch = _copy_batch if connection.vendor == "postgresql" else _insert_batch
    rows = iter(parsed.rows)
    written = 0
    # Batch by batch, so that a rationale seen for the first time is saved
    # (a query) before the batch is written: no query can run on the
    # connection while a COPY is in progress.
    while batch := list(itertools.islice(rows, BATCH_SIZE)):
        for *_, rationale in batch:
            if rationale not in rationale_ids:
                rationale_ids[rationale] = EditRationale.objects.get_or_create(text=rationale)[0].id
        write_batch(
            PtpEdit,
            columns,
            [(release.id, *row[:-1], rationale_ids[row[-1]]) for row in batch],
        )
        written += len(batch)
        if on_progress:
            on_progress(written, max(parsed.expected_rows, written))
    return written


def _write_mue_rows(release: EditRelease, parsed: ParsedEditRelease, on_progress: ProgressCallback | None) -> int:
    limits = [
        MueLimit(release=release, code=code, mue=mue, mai=mai, rationale=rationale)
        for code, mue, mai, rationale in parsed.rows
    ]
    MueLimit.objects.bulk_create(limits, batch_size=5000)
    if on_progress:
        on_progress(len(limits), parsed.expected_rows)
    return len(limits)


def _insert_batch(model, columns: list[str], rows: list[tuple]) -> None:
    """One executemany of plain tuples: at millions of rows, building model
    instances for bulk_create costs more than the database's own work."""
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) VALUES ({placeholders})", rows
        )


def _copy_batch(model, columns: list[str], rows: list[tuple]) -> None:
    """PostgreSQL's COPY: several times faster than INSERTs for millions of rows."""
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        # Django's cursor wrapper hands copy() through to psycopg's cursor.
        with cursor.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _refresh_planner_statistics(model) -> None:
    """Fresh statistics make the planner seek the (release, column1, column2)
    index for a claim's pairs. SQLite samples rather than reading 2.4 million
    rows when analysis_limit is set."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
        cursor.execute(f"ANALYZE {table}")


def _combined_checksum(digests: dict[Path, str]) -> str:
    """One sha256 over every file's name and digest, in name order. The name
    counts because it carries the release's version or effective date."""
    combined = hashlib.sha256()
    for name, digest in sorted((path.name, digest) for path, digest in digests.items()):
        combined.update(f"{name}\0{digest}\n".encode())
    return combined.hexdigest()
