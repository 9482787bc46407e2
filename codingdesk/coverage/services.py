"""Writes for the coverage index: importing the MCD index of LCDs and articles.

An import is parsed completely before anything is written, then written in
one transaction, so a bad file never touches the index already loaded. A file
already imported (same checksum) is skipped; a corrected file for the same
index date replaces that release.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from codingdesk.codesets.services import files_checksum
from codingdesk.lib.files import file_sha256

from .importers import coverage_index
from .models import CoverageDocument, CoverageIndexRelease

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000


@dataclass
class CoverageImportOutcome:
    release: CoverageIndexRelease
    created: bool


def coverage_index_import(*, paths: list[Path]) -> CoverageImportOutcome:
    paths = [Path(path) for path in paths]
    checksum = files_checksum(paths)
    already = CoverageIndexRelease.objects.filter(checksum=checksum).first()
    if already:
        return CoverageImportOutcome(release=already, created=False)

    parsed = coverage_index.parse(paths)
    with transaction.atomic():
        CoverageIndexRelease.objects.filter(version=parsed.version).delete()
        release = CoverageIndexRelease.objects.create(
            version=parsed.version,
            effective_from=parsed.effective_from,
            source_files=[{"name": path.name, "sha256": file_sha256(path)} for path in parsed.source_files],
            checksum=checksum,
            row_count=len(parsed.documents),
        )
        CoverageDocument.objects.bulk_create(
            (
                CoverageDocument(release=release, **{k: v for k, v in vars(row).items() if k != "location"})
                for row in parsed.documents
            ),
            batch_size=BATCH_SIZE,
        )
    logger.debug("Imported %s: %s documents", release, release.row_count)
    return CoverageImportOutcome(release=release, created=True)


def coverage_import_all(*, data_dir: Path) -> list[CoverageImportOutcome]:
    """Every coverage index file under ``data_dir``, oldest first, each in
    its own transaction: a bad file stops the run with ImportFileError, and
    the files imported before it stay imported."""
    return [coverage_index_import(paths=group) for group in coverage_index.find_sources(Path(data_dir))]

