"""Geographic practice cost indices by Medicare locality (CMS), CSV form:
``GPCI2026.csv`` in the quarterly RVU ZIP, or Addendum E of the final rule
(``CY2026_PFS_FR_Addendum_E.csv``, ``CY 2026 PFS Final Rule Addendum E.csv``).

Run by ``services.fee_release_import(dataset="gpci", ...)`` and by
``services.fees_import_all``. Writes nothing itself: it returns one
``ParsedFeeRelease`` of localities.

The layout: title lines, then the header "Medicare Administrative Contractor
(MAC), State, Locality Number, Locality Name, 2026 PW GPCI (with 1.0
Floor)***, 2026 PE GPCI, 2026 MP GPCI", one row per locality, then notes.
Columns are found by name. The GPCI columns must name the year the file name
does (and the title's "CY 2026", when there is one).

Below the header a row is one of three things, told apart by its shape:

- a locality: its MAC cell starts with a digit (a 5-digit MAC number), and
  every column must then be there and valid;
- a footnote: text in one cell only (the first, in CMS's files), not
  starting with a digit ("*Work GPCI reflects a 1.5 floor in Alaska...",
  "MAC Assignments as of ..."). A footnote whose text starts with blanks
  continues the one above;
- blank.

Anything else is refused. A locality row cut short therefore cannot pass
for a footnote. Footnote marks (``ALASKA*``, ``MONTANA**``, the header's
``***``) are taken off the names; each locality keeps the text of the
footnote its mark points to, and a mark with no such footnote is refused
(the notes are at the end: a file without them has been cut short).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from codingdesk.lib.files import data_files

from .base import (
    CsvFile,
    ImportFileError,
    ParsedFeeRelease,
    ParsedGpci,
    column_key,
    is_blank,
    parse_decimal,
    read_csv,
)

DATASET = "gpci"
GPCI_FILE = re.compile(r"^GPCI(?P<year>\d{4})(?:[ _-][\w -]*)?\.csv$", re.I)
ADDENDUM_E_FILE = re.compile(r"^(?=.*addendum[ _-]?e(?![A-Za-z]))(?=.*?(?P<year>20\d{2})).*\.csv$", re.I)
SAMPLE_MARK = ".sample"
NAME_WIDTH = 200  # models.Gpci.locality_name; the longest in 2026 has 82 characters

MAC = "Medicare Administrative Contractor (MAC)"
STATE, LOCALITY_NUMBER, LOCALITY_NAME = "State", "Locality Number", "Locality Name"
# Header names accepted for the four text columns, compared by column_key().
# CARRIER and CARRIERNUMBER in case an older file names the contractor so.
TEXT_COLUMNS = {
    MAC: {"MEDICAREADMINISTRATIVECONTRACTORMAC", "MEDICAREADMINISTRATIVECONTRACTOR", "MAC", "CARRIER", "CARRIERNUMBER"},
    STATE: {"STATE"},
    LOCALITY_NUMBER: {"LOCALITYNUMBER", "LOCALITY"},
    LOCALITY_NAME: {"LOCALITYNAME"},
}
# "2026 PW GPCI (with 1.0 Floor)***", "2026 PE GPCI", "2026 MP GPCI".
GPCI_COLUMN = re.compile(r"^(?:(?P<year>\d{4})\s+)?(?P<kind>PW|WORK|PE|MP)\s+GPCI\b(?P<rest>.*)$", re.I)
GPCI_KINDS = {"PW": "work_gpci", "WORK": "work_gpci", "PE": "pe_gpci", "MP": "mp_gpci"}
GPCI_NAMES = {"work_gpci": "PW GPCI", "pe_gpci": "PE GPCI", "mp_gpci": "MP GPCI"}
TITLE_YEAR = re.compile(r"\bCY\s*(\d{4})\b", re.I)
MARKED = re.compile(r"^(?P<text>.*?)\s*(?P<mark>\*+)$")
FOOTNOTE = re.compile(r"^(?P<mark>\*+)\s*(?P<text>.*)$", re.S)
MAC_SHAPE, LOCALITY_SHAPE, STATE_SHAPE = re.compile(r"^\d{5}$"), re.compile(r"^\d{2}$"), re.compile(r"^[A-Z]{2}$")


def find_sources(data_dir: Path) -> list[list[Path]]:
    """One group per file, oldest year first."""
    found = [
        path
        for path in data_files(data_dir)
        if _name_year(path) and SAMPLE_MARK not in path.name.lower() and path.is_file()
    ]
    return [[path] for path in sorted(found, key=lambda path: (_name_year(path), path.name.lower(), path))]


def parse(paths: list[Path]) -> ParsedFeeRelease:
    (path,) = paths
    csv_file = read_csv(path)
    header_index, columns, header_marks = _header(csv_file)
    year = _year(csv_file, header_index, columns)
    localities, footnotes = _rows(csv_file, header_index, columns)
    _resolve_marks(path, localities, header_marks, footnotes)
    return ParsedFeeRelease(
        dataset=DATASET,
        version=str(year),
        year=year,
        effective_from=datetime.date(year, 1, 1),
        source_files=[path],
        rows=[locality for locality, _ in localities],
        notes=[text for _, text in footnotes],
    )


def _name_year(path: Path) -> int:
    match = GPCI_FILE.match(path.name) or ADDENDUM_E_FILE.match(path.name)
    return int(match["year"]) if match else 0


def _header(csv_file: CsvFile) -> tuple[int, dict[str, tuple[int, str]], list[tuple[str, str, str]]]:
    """The header's index in the rows, {field: (cell index, name as printed)}
    and [(location, name, footnote mark)] for the names that carry a mark."""
    path = csv_file.path
    for index, (line_number, cells) in enumerate(csv_file.rows):
        keys = {column_key(cell) for cell in cells}
        if not (keys & TEXT_COLUMNS[LOCALITY_NUMBER] and keys & TEXT_COLUMNS[LOCALITY_NAME]):
            continue
        location = f"line {line_number}"
        columns: dict[str, tuple[int, str]] = {}
        marks: list[tuple[str, str, str]] = []
        for position, cell in enumerate(cells):
            name = cell.strip()
            field_name = next((field for field, keys_ in TEXT_COLUMNS.items() if column_key(name) in keys_), None)
            if field_name is None and (match := GPCI_COLUMN.match(name)):
                field_name = GPCI_KINDS[match["kind"].upper()]
                if marked := MARKED.match(name):
                    marks.append((location, name, marked["mark"]))
            if field_name is None:
                continue
            if field_name in columns:
                problem = f"named twice (columns {columns[field_name][0] + 1} and {position + 1})"
                raise ImportFileError(path, location, name, problem)
            columns[field_name] = (position, name)
        for field_name in (MAC, STATE, LOCALITY_NUMBER, LOCALITY_NAME, *GPCI_NAMES):
            if field_name not in columns:
                expected = GPCI_NAMES.get(field_name, field_name)
                raise ImportFileError(path, location, expected, f"the header has no {expected} column")
        return index, columns, marks
    raise ImportFileError(
        path, "whole file", LOCALITY_NUMBER, "no header row: no row names Locality Number and Locality Name columns"
    )


def _year(csv_file: CsvFile, header_index: int, columns: dict[str, tuple[int, str]]) -> int:
    """The year of the file name, which the GPCI columns and the title must share."""
    path = csv_file.path
    header_line = f"line {csv_file.rows[header_index][0]}"
    years: dict[int, tuple[str, str]] = {}
    if name_year := _name_year(path):
        years.setdefault(name_year, ("file name", "file name"))
    for field_name in GPCI_NAMES:
        _, name = columns[field_name]
        if year := GPCI_COLUMN.match(name)["year"]:
            years.setdefault(int(year), (header_line, name))
    for line_number, cells in csv_file.rows[:header_index]:
        for found in TITLE_YEAR.findall(" ".join(cells)):
            years.setdefault(int(found), (f"line {line_number}", "title"))
    if not years:
        raise ImportFileError(path, header_line, "year", "neither the file name nor the header names a year")
    if len(years) > 1:
        (first, (_, first_where)), (other, (location, field_name)) = list(years.items())[:2]
        raise ImportFileError(path, location, field_name, f"says {other} but the {first_where} says {first}")
    return next(iter(years))


def _rows(
    csv_file: CsvFile, header_index: int, columns: dict[str, tuple[int, str]]
) -> tuple[list[tuple[ParsedGpci, str]], list[tuple[str, str]]]:
    """[(locality, its footnote mark or "")] and [(footnote mark or "", text)]."""
    path = csv_file.path
    width = max(position for position, _ in columns.values()) + 1
    localities: list[tuple[ParsedGpci, str]] = []
    footnotes: list[tuple[str, str]] = []
    seen: dict[tuple[str, str], str] = {}
    last_locality_line = 0
    for line_number, cells in csv_file.rows[header_index + 1 :]:
        if is_blank(cells):
            continue
        location = f"line {line_number}"
        mac_position = columns[MAC][0]
        mac = cells[mac_position].strip() if mac_position < len(cells) else ""
        if not mac[:1].isdigit():
            filled = [cell for cell in cells if cell.strip()]
            if len(filled) != 1 or filled[0].strip()[:1].isdigit():
                problem = "neither a locality (a MAC number) nor a note (text in one cell, not starting with a digit)"
                raise ImportFileError(path, location, columns[MAC][1], problem)
            note = filled[0]
            if note[:1].isspace() and footnotes:
                mark, text = footnotes[-1]
                footnotes[-1] = (mark, f"{text} {note.strip()}")
            else:
                match = FOOTNOTE.match(note.strip())
                footnotes.append((match["mark"], match["text"].strip()) if match else ("", note.strip()))
            continue
        if len(cells) < width:
            raise ImportFileError(
                path, location, _name_at(columns, len(cells)),
                f"the row has {len(cells)} cells but the header has {width} columns; is the file truncated?",
            )
        locality, mark = _locality(path, location, cells, columns)
        key = (locality.mac, locality.locality_number)
        if key in seen:
            raise ImportFileError(
                path, location, LOCALITY_NUMBER, f"locality {'-'.join(key)} appears twice (first at {seen[key]})"
            )
        seen[key] = location
        localities.append((locality, mark))
        last_locality_line = line_number
    if not localities:
        raise ImportFileError(path, "whole file", MAC, "the file holds no localities below its header")
    if not csv_file.ends_with_line_break and last_locality_line == csv_file.rows[-1][0]:
        problem = "the last row has no line end; is the file truncated?"
        raise ImportFileError(path, f"line {last_locality_line}", "line end", problem)
    return localities, footnotes


def _name_at(columns: dict[str, tuple[int, str]], position: int) -> str:
    missing = sorted((index, name) for index, name in columns.values() if index >= position)
    return missing[0][1] if missing else "CSV"


def _locality(
    path: Path, location: str, cells: list[str], columns: dict[str, tuple[int, str]]
) -> tuple[ParsedGpci, str]:
    def text(field_name: str) -> str:
        return cells[columns[field_name][0]].strip()

    mac, number, state = text(MAC), text(LOCALITY_NUMBER), text(STATE).upper()
    if not MAC_SHAPE.match(mac):
        problem = f"{mac[:30]!r} is not a 5-digit MAC number (a spreadsheet may have dropped its leading zero)"
        raise ImportFileError(path, location, columns[MAC][1], problem)
    if not LOCALITY_SHAPE.match(number):
        problem = f"{number[:30]!r} is not a 2-digit locality number (a spreadsheet may have dropped its leading zero)"
        raise ImportFileError(path, location, columns[LOCALITY_NUMBER][1], problem)
    if not STATE_SHAPE.match(state):
        raise ImportFileError(path, location, columns[STATE][1], f"{state[:30]!r} is not a 2-letter state")
    name, mark = text(LOCALITY_NAME), ""
    if marked := MARKED.match(name):
        name, mark = marked["text"], marked["mark"]
    if not name or len(name) > NAME_WIDTH:
        problem = "blank" if not name else f"longer than {NAME_WIDTH} characters"
        raise ImportFileError(path, location, columns[LOCALITY_NAME][1], problem)
    indices = {
        field_name: parse_decimal(
            text(field_name), file=path, location=location, field_name=columns[field_name][1], places=3, digits=5
        )
        for field_name in GPCI_NAMES
    }
    for field_name, value in indices.items():
        if not value:
            raise ImportFileError(path, location, columns[field_name][1], "0 is not an index; every GPCI is above 0")
    locality = ParsedGpci(
        mac=mac, state=state, locality_number=number, locality_name=name, **indices, location=location
    )
    return locality, mark


def _resolve_marks(
    path: Path,
    localities: list[tuple[ParsedGpci, str]],
    header_marks: list[tuple[str, str, str]],
    footnotes: list[tuple[str, str]],
) -> None:
    texts: dict[str, list[str]] = {}
    for mark, text in footnotes:
        if mark:
            texts.setdefault(mark, []).append(text)
    marked = [(locality.location, LOCALITY_NAME, mark, locality) for locality, mark in localities if mark]
    marked += [(location, name, mark, None) for location, name, mark in header_marks]
    for location, field_name, mark, locality in marked:
        if mark not in texts:
            raise ImportFileError(
                path, location, field_name,
                f"carries the footnote mark {mark} but no note starts with {mark}; is the file truncated?",
            )
        if locality is not None:
            locality.notes = texts[mark]
