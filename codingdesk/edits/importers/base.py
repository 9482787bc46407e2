"""What the NCCI importers hand to the import service: plain data, no models.

``ImportFileError`` is the code-set importers' own, so one ``except`` serves
every import. An importer raises it at the first thing it cannot read,
naming the file, the line and the field at fault.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from codingdesk.codesets.importers.base import ImportFileError

__all__ = ["ImportFileError", "ParsedEditRelease", "SAMPLE_MARKS", "count_lines", "decoding_error", "is_sample"]

# Cut-down copies of official files (our data directory holds such samples)
# are not releases: ``find_sources`` passes them over; import them by name.
SAMPLE_MARKS = ("sample", "excerpt")


@dataclass
class ParsedEditRelease:
    dataset: str
    version: str
    effective_from: datetime.date
    source_files: list[Path]
    # Tuples in the model's field order. PTP rows are a generator that reads
    # the files as it is consumed: a bad row raises ImportFileError then.
    rows: Iterable[tuple]
    # Data lines in the files, for progress reports (exact unless the files
    # hold blank lines).
    expected_rows: int


def is_sample(name_suffix: str) -> bool:
    return any(mark in name_suffix.lower() for mark in SAMPLE_MARKS)


def decoding_error(path: Path, encoding: str) -> ImportFileError:
    """The first line of ``path`` that is not valid ``encoding``: a text
    stream fails a whole chunk at a time, so find the line afresh."""
    with path.open("rb") as stream:
        for line_number, raw in enumerate(stream, start=1):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError as error:
                return ImportFileError(path, f"line {line_number}", "text", f"not {encoding} text ({error.reason})")
    return ImportFileError(path, "whole file", "text", f"not {encoding} text")


def count_lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))
