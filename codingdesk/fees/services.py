"""Writes for the fee schedule: importing RVU and GPCI releases.

An import is parsed completely before anything is written, then written in
one transaction, so a bad file never touches the releases already loaded.
Files already imported (same checksum) are skipped.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from codingdesk.codesets.services import files_checksum
from codingdesk.lib.files import file_sha256

from .importers import IMPORTERS, importer_for
from .importers.base import ParsedFeeRelease
from .models import FeeDataset, FeeRelease, Gpci, RelativeValue

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000


@dataclass
class FeeImportOutcome:
    release: FeeRelease
    created: bool


def fee_release_import(*, dataset: str, paths: list[Path]) -> FeeImportOutcome:
    """Import one RVU or GPCI file. The same file again changes nothing; a
    corrected file for the same release (same version) replaces it."""
    importer = importer_for(dataset)
    paths = [Path(path) for path in paths]
    checksum = files_checksum(paths)
    already = FeeRelease.objects.filter(dataset=dataset, checksum=checksum).first()
    if already:
        return FeeImportOutcome(release=already, created=False)

    parsed = importer.parse(paths)
    with transaction.atomic():
        release = _write_release(parsed, checksum)
        _chain_effective_dates(dataset)
    release.refresh_from_db()
    logger.debug("Imported %s: %s rows", release, release.row_count)
    return FeeImportOutcome(release=release, created=True)


def fees_import_all(*, data_dir: Path) -> list[FeeImportOutcome]:
    """Every GPCI and RVU file in ``data_dir``, oldest first. Each file is
    its own transaction: a bad file stops the run with ImportFileError, and
    the files imported before it stay imported."""
    return [
        fee_release_import(dataset=dataset, paths=group)
        for dataset, importer in IMPORTERS.items()
        for group in importer.find_sources(Path(data_dir))
    ]


def _write_release(parsed: ParsedFeeRelease, checksum: str) -> FeeRelease:
    # A corrected file for the same official release replaces the old rows.
    FeeRelease.objects.filter(dataset=parsed.dataset, version=parsed.version).delete()
    release = FeeRelease.objects.create(
        dataset=parsed.dataset,
        version=parsed.version,
        year=parsed.year,
        effective_from=parsed.effective_from,
        source_files=[{"name": path.name, "sha256": file_sha256(path)} for path in parsed.source_files],
        checksum=checksum,
        row_count=len(parsed.rows),
        conversion_factor=parsed.conversion_factor,
        notes=parsed.notes,
    )
    if parsed.dataset == FeeDataset.RVU:
        rows = (RelativeValue(release=release, **_fields(row)) for row in parsed.rows)
        RelativeValue.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    else:
        Gpci.objects.bulk_create((Gpci(release=release, **_fields(row)) for row in parsed.rows), batch_size=BATCH_SIZE)
    return release


def _fields(row) -> dict:
    return {name: value for name, value in vars(row).items() if name != "location"}


def _chain_effective_dates(dataset: str) -> None:
    """A release is in force from its first day to the end of its calendar
    year (a fee schedule prices one year: its conversion factor and GPCIs
    must not be used for the next), or to the day before the next release of
    the dataset takes effect, whichever comes first. Recomputed for the whole
    dataset, so a file imported out of order (January after April) still
    ends where it should."""
    releases = list(FeeRelease.objects.filter(dataset=dataset).order_by("effective_from", "imported_at", "id"))
    for release, following in zip(releases, [*releases[1:], None]):
        end = datetime.date(release.year, 12, 31)
        if following is not None and following.effective_from <= end:
            end = following.effective_from - datetime.timedelta(days=1)
        if release.effective_to != end:
            release.effective_to = end
            release.save(update_fields=["effective_to"])
