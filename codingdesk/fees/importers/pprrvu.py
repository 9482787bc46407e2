"""The CMS national physician fee schedule relative value file, CSV form:
``PPRRVU26_JAN.csv`` (to 2025: two-digit year, month in capitals) or
``PPRRVU2026_Jan_nonQPP.csv`` (from 2026, one file per conversion factor).

Run by ``services.fee_release_import(dataset="rvu", ...)`` and by
``services.fees_import_all``, which finds the files in the data directory.
Writes nothing itself: it returns one ``ParsedFeeRelease`` of RVU rows.

The layout, and what this module accepts:

- A preamble of title and notice lines (the release title, the AMA and ADA
  copyright notices). Their text sits in the first three cells.
- The header. Its last row is the first row with a cell reading ``HCPCS``
  (the first cell, in CMS's order). CMS spreads the longer names over the
  rows just above it, a word or two per row, bottom-aligned: ``NOT USED`` /
  ``FOR`` / ``MEDICARE`` / ``PAYMENT``. A row above the HCPCS row belongs to
  the header while its cells under HCPCS, MOD and DESCRIPTION (one-word
  names, whole on the HCPCS row) are blank and another cell is not. The
  preamble's lines never look like that: their text sits under HCPCS or
  DESCRIPTION. A column's name is its fragments joined top to bottom. A
  one-row header (full names on the HCPCS row, as in the Excel form) is the
  same rule with no rows above.
- Columns are found by name, never by position (CMS adds columns), compared
  without case, spaces or punctuation (``CO-SURG`` = ``CO- SURG``). Columns
  not known here are ignored; a known column named twice is refused.
- DESCRIPTION holds AMA CPT short descriptors. It is not read at all, and
  not required, so nothing of it can reach the database.
- One row per code and modifier (blank, 26, TC or 53). The conversion factor
  is the CONV FACTOR column; every row that states one states the same.
- Numbers are plain decimals (1.30, .50); a blank RVU or conversion factor
  is refused (CMS writes 0.00), as is a value with more decimal places than
  the column keeps (2 for RVUs, 4 for the conversion factor).

The release is named after the CMS release letter of its first month
(RVU26A, B, C, D: version 2026-A for January, 2026-B for April...), or
2024-03 for a file named after another month. It is in force from the first
of that month (services.py says until when). The title line, when it names
a year or a month, must name the file name's.

The fixed-width .txt and the .xlsx forms in the same ZIP are not read.
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import Decimal
from pathlib import Path

from codingdesk.lib.files import data_files

from .base import (
    CsvFile,
    ImportFileError,
    ParsedFeeRelease,
    ParsedRelativeValue,
    column_key,
    is_blank,
    parse_decimal,
    read_csv,
)

DATASET = "rvu"
FILE_PATTERN = re.compile(
    r"^PPRRVU(?P<year>\d{4}|\d{2})_(?P<month>[A-Z]{3})(?P<suffixes>(?:_[A-Z0-9]+)*)\.csv$", re.I
)
# From 2026 CMS publishes one file per conversion factor. CodingDesk prices
# for clinicians who are not qualifying APM participants (the nonQPP file).
QP_SUFFIX = "QPP"
# CMS names the quarterly releases RVU26A, B, C, D after their first month.
RELEASE_LETTERS = {1: "A", 4: "B", 7: "C", 10: "D"}
MONTH_NAMES = [name.upper() for name in calendar.month_name]
MONTH_ABBREVIATIONS = [name.upper() for name in calendar.month_abbr]

HCPCS = "HCPCS"
# The columns of the layout, as CMS names them, and where each one goes.
# (name, attribute on ParsedRelativeValue or key in its details, kind)
COLUMNS = (
    (HCPCS, "code", "code"),
    ("MOD", "modifier", "modifier"),
    ("STATUS CODE", "status_code", "status"),
    ("NOT USED FOR MEDICARE PAYMENT", "not_used_for_medicare_payment", "detail"),
    ("WORK RVU", "work_rvu", "rvu"),
    ("NON-FAC PE RVU", "non_facility_pe_rvu", "rvu"),
    ("NON-FAC NA INDICATOR", "non_facility_na", "na"),
    ("FACILITY PE RVU", "facility_pe_rvu", "rvu"),
    ("FACILITY NA INDICATOR", "facility_na", "na"),
    ("MP RVU", "mp_rvu", "rvu"),
    ("NON-FACILITY TOTAL", "non_facility_total", "detail_number"),
    ("FACILITY TOTAL", "facility_total", "detail_number"),
    ("PCTC IND", "pctc_indicator", "indicator"),
    ("GLOB DAYS", "global_days", "indicator"),
    ("PRE OP", "pre_op", "detail_number"),
    ("INTRA OP", "intra_op", "detail_number"),
    ("POST OP", "post_op", "detail_number"),
    ("MULT PROC", "mult_proc", "indicator"),
    ("BILAT SURG", "bilat_surg", "indicator"),
    ("ASST SURG", "asst_surg", "indicator"),
    ("CO-SURG", "co_surg", "indicator"),
    ("TEAM SURG", "team_surg", "indicator"),
    ("ENDO BASE", "endo_base", "detail"),
    ("CONV FACTOR", "conversion_factor", "conversion_factor"),
    ("PHYSICIAN SUPERVISION OF DIAGNOSTIC PROCEDURES", "physician_supervision", "detail"),
    ("CALCULATION FLAG", "calculation_flag", "detail"),
    ("DIAGNOSTIC IMAGING FAMILY INDICATOR", "diagnostic_imaging_family", "detail"),
    ("NON-FACILITY PE USED FOR OPPS PAYMENT AMOUNT", "opps_non_facility_pe", "detail_number"),
    ("FACILITY PE USED FOR OPPS PAYMENT AMOUNT", "opps_facility_pe", "detail_number"),
    ("MP USED FOR OPPS PAYMENT AMOUNT", "opps_mp", "detail_number"),
)
OPTIONAL_KINDS = {"detail", "detail_number"}
# Recognised so that it is named in messages, but never read.
DESCRIPTION = "DESCRIPTION"
# One-word names, whole on the HCPCS row: blank above it in a split header.
ONE_WORD_COLUMNS = (HCPCS, "MOD", DESCRIPTION)
# Widths of the model's fields (models.RelativeValue).
INDICATOR_WIDTHS = {
    "pctc_indicator": 1, "global_days": 3, "mult_proc": 1, "bilat_surg": 1, "asst_surg": 1, "co_surg": 1, "team_surg": 1,
}
DETAIL_WIDTH = 20
CODE_SHAPE = re.compile(r"^[A-Z0-9]{5}$")
MODIFIER_SHAPE = re.compile(r"^([A-Z0-9]{2})?$")
# Years named by the title lines, which the file name must agree with.
TITLE_MARKS = ("RELATIVE VALUE FILE", "CALENDAR YEAR")
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def find_sources(data_dir: Path) -> list[list[Path]]:
    """One group per RVU file, oldest release first; QP files are left out."""
    found = [
        path
        for path in data_files(data_dir)
        if (match := FILE_PATTERN.match(path.name)) and not _is_qp_file(match) and path.is_file()
    ]
    return [[path] for path in sorted(found, key=lambda path: (_release_month(path), path.name.lower(), path))]


def parse(paths: list[Path]) -> ParsedFeeRelease:
    (path,) = paths
    year, month = _name_year_month(path)
    csv_file = read_csv(path)
    header_index, columns = _header(csv_file)
    _check_title_lines(csv_file, header_index, year, month)
    rows, conversion_factor = _rows(csv_file, header_index, columns)
    return ParsedFeeRelease(
        dataset=DATASET,
        version=f"{year}-{RELEASE_LETTERS[month]}" if month in RELEASE_LETTERS else f"{year}-{month:02}",
        year=year,
        effective_from=datetime.date(year, month, 1),
        source_files=[path],
        rows=rows,
        conversion_factor=conversion_factor,
    )


def _is_qp_file(match: re.Match) -> bool:
    return QP_SUFFIX in match["suffixes"].upper().split("_")


def _release_month(path: Path) -> tuple[int, int]:
    match = FILE_PATTERN.match(path.name)
    if not match or match["month"].upper() not in MONTH_ABBREVIATIONS:
        return (0, 0)
    year = int(match["year"])
    return (2000 + year if year < 100 else year, MONTH_ABBREVIATIONS.index(match["month"].upper()))


def _name_year_month(path: Path) -> tuple[int, int]:
    """CMS names each file after the release's year and first month."""
    match = FILE_PATTERN.match(path.name)
    year, month = _release_month(path)
    if not match or not month:
        raise ImportFileError(
            path, "file name", "release year and month",
            f"{path.name!r} is not named like PPRRVU26_JAN.csv or PPRRVU2026_Jan_nonQPP.csv",
        )
    if _is_qp_file(match):
        raise ImportFileError(
            path, "file name", "conversion factor",
            "this is the file for qualifying APM participants (QPP); CodingDesk prices with the "
            "non-QP conversion factor: import the _nonQPP file of the same release",
        )
    return year, month


def _header(csv_file: CsvFile) -> tuple[int, dict[str, int]]:
    """The index of the HCPCS row in ``csv_file.rows`` and {column name: cell index}."""
    path, rows = csv_file.path, csv_file.rows
    header_index = next((index for index, (_, cells) in enumerate(rows) if HCPCS in _upper(cells)), None)
    if header_index is None:
        raise ImportFileError(path, "whole file", HCPCS, "no header row: no row has a HCPCS column")
    one_word = [position for position, cell in enumerate(_upper(rows[header_index][1])) if cell in ONE_WORD_COLUMNS]
    first = header_index
    while first > 0 and _is_split_header_row(rows[first - 1][1], one_word):
        first -= 1
    block = [cells for _, cells in rows[first : header_index + 1]]
    width = max(len(cells) for cells in block)
    names = [
        " ".join(cells[position].strip() for cells in block if position < len(cells) and cells[position].strip())
        for position in range(width)
    ]
    line = f"line {rows[header_index][0]}"
    return header_index, _column_positions(path, line, names)


def _upper(cells: list[str]) -> list[str]:
    return [cell.strip().upper() for cell in cells]


def _is_split_header_row(cells: list[str], one_word: list[int]) -> bool:
    filled = {position for position, cell in enumerate(cells) if cell.strip()}
    return bool(filled) and not filled & set(one_word)


def _column_positions(path: Path, line: str, names: list[str]) -> dict[str, int]:
    known = {column_key(name): name for name, _, _ in COLUMNS}
    known[column_key(DESCRIPTION)] = DESCRIPTION
    positions: dict[str, int] = {}
    for position, name in enumerate(names):
        canonical = known.get(column_key(name))
        if canonical is None:
            continue
        if canonical in positions:
            raise ImportFileError(
                path, line, canonical, f"named twice (columns {positions[canonical] + 1} and {position + 1})"
            )
        positions[canonical] = position
    for name, _, kind in COLUMNS:
        if name not in positions and kind not in OPTIONAL_KINDS:
            found = ", ".join(name for name in names if name) or "none"
            raise ImportFileError(path, line, name, f"the header has no {name} column (its columns: {found[:300]})")
    return positions


def _check_title_lines(csv_file: CsvFile, header_index: int, year: int, month: int) -> None:
    """The title ("2026 National Physician Fee Schedule Relative Value File
    January Release") must name the year and month the file name does: a
    renamed file would otherwise price a year with another year's values."""
    for line_number, cells in csv_file.rows[:header_index]:
        text = " ".join(cell.strip() for cell in cells if cell.strip()).upper()
        if not any(mark in text for mark in TITLE_MARKS):
            continue
        location, field_name = f"line {line_number}", "title"
        for named in {int(found) for found in YEAR.findall(text)} - {year}:
            raise ImportFileError(
                csv_file.path, location, field_name,
                f"the title is for {named} but the file name says {year}",
            )
        for named in {index for index, name in enumerate(MONTH_NAMES) if name and re.search(rf"\b{name}\b", text)}:
            if named != month:
                raise ImportFileError(
                    csv_file.path, location, field_name,
                    f"the title names {calendar.month_name[named]} but the file name says {calendar.month_name[month]}",
                )


def _rows(csv_file: CsvFile, header_index: int, columns: dict[str, int]) -> tuple[list[ParsedRelativeValue], Decimal]:
    path = csv_file.path
    width = max(columns.values()) + 1
    parsed: list[ParsedRelativeValue] = []
    seen: dict[tuple[str, str], str] = {}
    conversion_factor: Decimal | None = None
    factor_line = ""
    last_line_number = 0
    for line_number, cells in csv_file.rows[header_index + 1 :]:
        if is_blank(cells):
            continue
        location = f"line {line_number}"
        if len(cells) < width:
            raise ImportFileError(
                path, location, _column_at(columns, len(cells)),
                f"the row has {len(cells)} cells but the header has {width} columns; is the file truncated?",
            )
        row, factor = _row(path, location, cells, columns)
        key = (row.code, row.modifier)
        if key in seen:
            label = f"{row.code}-{row.modifier}" if row.modifier else row.code
            raise ImportFileError(path, location, HCPCS, f"{label} appears twice (first at {seen[key]})")
        seen[key] = location
        if factor:
            if conversion_factor is not None and factor != conversion_factor:
                raise ImportFileError(
                    path, location, "CONV FACTOR",
                    f"{factor} differs from the {conversion_factor} of {factor_line}; "
                    "a release has one conversion factor",
                )
            conversion_factor, factor_line = factor, location
        parsed.append(row)
        last_line_number = line_number
    if not parsed:
        raise ImportFileError(path, "whole file", HCPCS, "the file holds no rows below its header")
    if not csv_file.ends_with_line_break and last_line_number == csv_file.rows[-1][0]:
        raise ImportFileError(
            path, f"line {last_line_number}", "line end", "the last row has no line end; is the file truncated?"
        )
    if conversion_factor is None:
        raise ImportFileError(path, "whole file", "CONV FACTOR", "no row states a conversion factor")
    return parsed, conversion_factor


def _column_at(columns: dict[str, int], position: int) -> str:
    """The first column a short row is missing."""
    missing = [name for name, index in columns.items() if index >= position]
    return min(missing, key=columns.__getitem__) if missing else "CSV"


def _row(path: Path, location: str, cells: list[str], columns: dict[str, int]) -> tuple[ParsedRelativeValue, Decimal]:
    values: dict = {}
    details: dict[str, str] = {}
    factor = Decimal(0)
    for name, attribute, kind in COLUMNS:
        if name not in columns:
            continue
        raw = cells[columns[name]].strip()
        if kind == "code":
            values[attribute] = _code(path, location, raw.upper())
        elif kind == "modifier":
            values[attribute] = _modifier(path, location, raw.upper())
        elif kind == "status":
            values[attribute] = _status(path, location, raw.upper())
        elif kind == "rvu":
            values[attribute] = parse_decimal(raw, file=path, location=location, field_name=name, places=2, digits=7)
        elif kind == "na":
            values[attribute] = _na(path, location, name, raw.upper())
        elif kind == "indicator":
            values[attribute] = _indicator(path, location, name, raw.upper(), INDICATOR_WIDTHS[attribute])
        elif kind == "conversion_factor":
            factor = parse_decimal(raw, file=path, location=location, field_name=name, places=4, digits=8)
        elif raw and kind == "detail_number":
            # Zeros (most PRE/INTRA/POST OP and OPPS cells) say nothing: left out.
            if parse_decimal(raw, file=path, location=location, field_name=name, places=4, digits=12):
                details[attribute] = raw
        elif raw:
            details[attribute] = _indicator(path, location, name, raw, DETAIL_WIDTH)
    return ParsedRelativeValue(**values, details=details, location=location), factor


def _code(path: Path, location: str, code: str) -> str:
    if not CODE_SHAPE.match(code):
        raise ImportFileError(path, location, HCPCS, f"{code[:30]!r} is not a 5-character HCPCS code")
    return code


def _modifier(path: Path, location: str, modifier: str) -> str:
    if not MODIFIER_SHAPE.match(modifier):
        raise ImportFileError(path, location, "MOD", f"{modifier[:30]!r} is not a 2-character modifier")
    return modifier


def _status(path: Path, location: str, status: str) -> str:
    if not re.fullmatch(r"[A-Z]", status):
        raise ImportFileError(path, location, "STATUS CODE", f"{status[:30]!r} is not a one-letter status code")
    return status


def _na(path: Path, location: str, name: str, raw: str) -> bool:
    if raw not in ("", "NA"):
        raise ImportFileError(path, location, name, f"{raw[:30]!r} is neither NA nor blank")
    return raw == "NA"


def _indicator(path: Path, location: str, name: str, raw: str, width: int) -> str:
    if len(raw) > width:
        raise ImportFileError(path, location, name, f"{raw[:30]!r} is longer than {width} characters")
    return raw
