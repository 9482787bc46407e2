"""Medically unlikely edits (MUE) from CMS: one CSV file per setting and quarter.

Run by ``edit_release_import`` and ``edits_import_all`` (edits/services.py).
The files are ``MCR_MUE_PractitionerServices_Eff_07-01-2026.csv``,
``MCR_MUE_OutpatientHospitalServices_Eff_...`` and
``MCR_MUE_DMESupplierServices_Eff_...``; the release's effective date is the
one in the name (month-day-year).

Layout quirks: the first record is the AMA notice, one quoted cell running
over several lines followed by empty cells; the header's first cell has a
line break inside its quotes ("HCPCS/" newline "CPT Code"); the adjudication
indicator is written out ("2 Date of Service Edit: Policy"). A file is a few
thousand rows, so it is read whole with the csv module.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from pathlib import Path

from codingdesk.lib.files import data_files

from .base import ImportFileError, ParsedEditRelease, is_sample

DATASET_BY_SETTING = {
    "practitionerservices": "mue_practitioner",
    "outpatienthospitalservices": "mue_hospital",
    "dmesupplierservices": "mue_dme",
}
DATASETS = list(DATASET_BY_SETTING.values())
FILE_PATTERN = re.compile(
    r"^MCR_MUE_(?P<setting>PractitionerServices|OutpatientHospitalServices|DMESupplierServices)"
    r"_Eff_(?P<month>\d{2})-(?P<day>\d{2})-(?P<year>\d{4})(?P<suffix>.*)\.csv$",
    re.IGNORECASE,
)
# Each setting names its value column after itself.
VALUE_COLUMNS = {
    "mue_practitioner": "Practitioner Services MUE Values",
    "mue_hospital": "Outpatient Hospital Services MUE Values",
    "mue_dme": "DME Supplier Services MUE Values",
}
CODE_COLUMN, MAI_COLUMN, RATIONALE_COLUMN = "HCPCS/CPT Code", "MUE Adjudication Indicator", "MUE Rationale"
COLUMNS = 4
NOTICE_MARK = "American Medical Association"
CODE = re.compile(r"^[A-Z0-9]{5}$")
# "1 Line Edit", "2 Date of Service Edit: Policy", "3 Date of Service Edit: Clinical".
MAI = re.compile(r"^(?P<digit>\d)\b\s*(?P<words>.*)$")
# The word each indicator's wording must hold, so that a shifted column or a
# digit that disagrees with its words is caught.
MAI_WORDS = {"1": "line", "2": "policy", "3": "clinical"}
MAX_RATIONALE_LENGTH = 200


def find_sources(data_dir: Path) -> list[list[Path]]:
    """One file per release, oldest first per setting; a corrected file
    (..._v2.csv) after the one it replaces."""
    found = []
    for path in data_files(data_dir):
        match = FILE_PATTERN.match(path.name)
        if match and not is_sample(match["suffix"]) and path.is_file():
            found.append((match["setting"].lower(), _effective_from(path), path.name.lower(), path))
    return [[path] for *_, path in sorted(found)]


def dataset_of(paths: list[Path]) -> str:
    return DATASET_BY_SETTING[_match(Path(paths[0]))["setting"].lower()]


def parse(paths: list[Path]) -> ParsedEditRelease:
    paths = [Path(path) for path in paths]
    if len(paths) != 1:
        raise ImportFileError(paths[-1] if paths else "", "file name", "file", "an MUE release is exactly one file")
    (path,) = paths
    dataset = dataset_of(paths)
    effective_from = _effective_from(path)
    text = _read_text(path)
    rows = list(_rows(path, dataset, text))
    if not rows:
        raise ImportFileError(path, "whole file", CODE_COLUMN, "the file holds no MUE rows")
    return ParsedEditRelease(
        dataset=dataset,
        version=effective_from.isoformat(),
        effective_from=effective_from,
        source_files=paths,
        rows=rows,
        expected_rows=len(rows),
    )


def _match(path: Path) -> re.Match:
    match = FILE_PATTERN.match(path.name)
    if not match:
        raise ImportFileError(
            path,
            "file name",
            "file name",
            "an MUE file is named like MCR_MUE_PractitionerServices_Eff_07-01-2026.csv "
            "(or OutpatientHospitalServices, DMESupplierServices)",
        )
    return match


def _effective_from(path: Path) -> datetime.date:
    match = _match(path)
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise ImportFileError(
            path,
            "file name",
            "effective date",
            f"{match['month']}-{match['day']}-{match['year']} is not a date (MM-DD-YYYY)",
        ) from None


def _read_text(path: Path) -> str:
    # The notice's "CPT®" has been seen as UTF-8; a file saved from Excel
    # would have it in Windows-1252, which is read as such.
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _records(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, its cells); a record may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    first_line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportFileError(path, f"line {first_line}", "CSV", f"not readable as CSV ({error})") from None
        yield first_line, cells
        first_line = reader.line_num + 1


def _rows(path: Path, dataset: str, text: str) -> Iterator[tuple]:
    """(code, mue, mai, rationale) for each data record."""
    records = [record for record in _records(path, text) if "".join(record[1]).strip()]
    if records and NOTICE_MARK in records[0][1][0]:
        records = records[1:]
    if not records:
        raise ImportFileError(path, "whole file", CODE_COLUMN, "the file ends before the column header")
    _check_header(path, dataset, *records[0])
    # A file ends with a line break. Without one, the last row may have been
    # cut short: it is taken only if it reads whole and its rationale is one
    # seen before, not the first part of one.
    cut_short = not text.endswith(("\n", "\r"))
    seen: dict[str, int] = {}
    rationales: set[str] = set()
    for index, (number, cells) in enumerate(records[1:], start=2):
        last = index == len(records)
        try:
            row = _row(path, dataset, number, cells)
        except ImportFileError:
            if last and cut_short:
                raise _truncated(path, number) from None
            raise
        code, _, _, rationale = row
        if last and cut_short and rationale not in rationales:
            raise _truncated(path, number)
        if code in seen:
            raise ImportFileError(
                path, f"line {number}", CODE_COLUMN, f"{code} appears twice (first on line {seen[code]})"
            )
        seen[code] = number
        rationales.add(rationale)
        yield row


def _truncated(path: Path, number: int) -> ImportFileError:
    return ImportFileError(path, f"line {number}", "row", "the file ends in the middle of this row (truncated download?)")


def _check_header(path: Path, dataset: str, number: int, cells: list[str]) -> None:
    expected = [CODE_COLUMN, VALUE_COLUMNS[dataset], MAI_COLUMN, RATIONALE_COLUMN]
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    for index in range(max(len(cells), COLUMNS)):
        found = " ".join(cells[index].split()) if index < len(cells) else ""
        wanted = expected[index] if index < COLUMNS else ""
        # "HCPCS/" and "CPT Code" are on two lines inside one quoted cell.
        if "".join(found.split()).lower() != "".join(wanted.split()).lower():
            field = wanted or f"column {index + 1}"
            raise ImportFileError(
                path, f"line {number}", field, f"the header says {found!r} where the MUE layout has {wanted!r}"
            )


def _row(path: Path, dataset: str, number: int, cells: list[str]) -> tuple[str, int, str, str]:
    fields = (CODE_COLUMN, VALUE_COLUMNS[dataset], MAI_COLUMN, RATIONALE_COLUMN)
    if len(cells) < COLUMNS:
        raise ImportFileError(
            path, f"line {number}", fields[len(cells)], f"the row has {len(cells)} of the {COLUMNS} columns"
        )
    if "".join(cells[COLUMNS:]).strip():
        raise ImportFileError(path, f"line {number}", f"column {COLUMNS + 1}", f"the row has {len(cells)} columns")
    code, value, indicator, rationale = (cell.strip() for cell in cells[:COLUMNS])
    if not code:
        raise ImportFileError(path, f"line {number}", CODE_COLUMN, "the code is empty")
    if not CODE.match(code):
        raise ImportFileError(
            path, f"line {number}", CODE_COLUMN, f"{code!r} is not a CPT/HCPCS code (five letters or digits)"
        )
    if not value.isascii() or not value.isdigit():
        raise ImportFileError(path, f"line {number}", fields[1], f"{value!r} is not a whole number of units")
    match = MAI.match(indicator)
    if not match or match["digit"] not in MAI_WORDS:
        raise ImportFileError(
            path, f"line {number}", MAI_COLUMN, f"{indicator!r} is not an adjudication indicator (1, 2 or 3)"
        )
    if match["words"] and MAI_WORDS[match["digit"]] not in match["words"].lower():
        raise ImportFileError(
            path, f"line {number}", MAI_COLUMN, f"{indicator!r}: the words do not match indicator {match['digit']}"
        )
    if len(rationale) > MAX_RATIONALE_LENGTH:
        raise ImportFileError(
            path, f"line {number}", RATIONALE_COLUMN, f"the rationale is longer than {MAX_RATIONALE_LENGTH} characters"
        )
    return code, int(value), match["digit"], rationale
