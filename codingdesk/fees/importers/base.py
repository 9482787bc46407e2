"""What the fee-schedule importers hand to the import service: plain data,
no models, and the CSV reading both official formats share.

An importer raises ``ImportFileError`` (the code-set importers' class, so a
command catches one type) at the first thing it cannot read, naming the
file, the line and the column at fault.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from codingdesk.codesets.importers.base import ImportFileError

__all__ = [
    "CsvFile",
    "ImportFileError",
    "ParsedFeeRelease",
    "ParsedGpci",
    "ParsedRelativeValue",
    "column_key",
    "parse_decimal",
    "read_csv",
]

# Plain decimals as CMS writes them: 1.30, .50, 0, 33.4009. No sign, no
# exponent, no thousands separator.
DECIMAL_SHAPE = re.compile(r"^(\d+(\.\d*)?|\.\d+)$")


@dataclass
class ParsedRelativeValue:
    code: str
    modifier: str
    status_code: str
    work_rvu: Decimal
    non_facility_pe_rvu: Decimal
    facility_pe_rvu: Decimal
    mp_rvu: Decimal
    non_facility_na: bool
    facility_na: bool
    pctc_indicator: str
    global_days: str
    mult_proc: str
    bilat_surg: str
    asst_surg: str
    co_surg: str
    team_surg: str
    details: dict = field(default_factory=dict)
    # Where the row came from ("line 12"), so a duplicate can be reported precisely.
    location: str = ""


@dataclass
class ParsedGpci:
    mac: str
    state: str
    locality_number: str
    locality_name: str
    work_gpci: Decimal
    pe_gpci: Decimal
    mp_gpci: Decimal
    notes: list[str] = field(default_factory=list)
    location: str = ""


@dataclass
class ParsedFeeRelease:
    dataset: str
    version: str
    year: int
    effective_from: datetime.date
    source_files: list[Path]
    rows: list[ParsedRelativeValue] | list[ParsedGpci]
    conversion_factor: Decimal | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class CsvFile:
    path: Path
    # (line number, cells); the line is where the row ends, as csv counts it.
    rows: list[tuple[int, list[str]]]
    # False when the last line has no line break: the file may have been cut mid-row.
    ends_with_line_break: bool


def read_csv(path: Path) -> CsvFile:
    """Every row of a CMS CSV file. A quoted cell left open at the end of the
    file (a download cut short) is refused with its line."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # CMS writes Windows-1252 now and then (in descriptors we never keep);
        # latin-1 reads any byte, and the columns we keep are plain ASCII.
        text = raw.decode("latin-1")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as error:
        problem = f"not readable as CSV ({error}); is the file truncated?"
        raise ImportFileError(path, f"line {reader.line_num}", "CSV", problem) from None
    return CsvFile(path=path, rows=rows, ends_with_line_break=not text or text.endswith(("\n", "\r")))


def is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def column_key(name: str) -> str:
    """Header names compared without case, spaces or punctuation, so that
    "CO-SURG", "CO- SURG" and "co surg" are one column, as are the names a
    split header joins with doubled spaces."""
    return re.sub(r"[^A-Z0-9]", "", name.upper())


def parse_decimal(raw: str, *, file: Path, location: str, field_name: str, places: int, digits: int) -> Decimal:
    """A non-negative decimal that fits a column of ``digits`` digits with
    ``places`` decimal places. More places would be rounded, and more digits
    refused, by the database without naming the line, so both are refused
    here. Blank is refused too: CMS writes 0.00, never nothing."""
    raw = raw.strip()
    if not raw:
        raise ImportFileError(file, location, field_name, "blank; a number is required")
    if not DECIMAL_SHAPE.match(raw):
        raise ImportFileError(file, location, field_name, f"{raw[:30]!r} is not a number")
    whole, _, fraction = raw.partition(".")
    if len(whole.lstrip("0")) > digits - places:
        raise ImportFileError(file, location, field_name, f"{raw[:30]} is too large")
    if fraction.rstrip("0")[places:]:
        raise ImportFileError(file, location, field_name, f"{raw} has more than {places} decimal places")
    return Decimal(f"{whole or 0}.{fraction[:places]:0<{places}}")
