"""The Medicare Coverage Database index of LCDs and articles, CSV form:
``mcd_lcd_article_documents_<YYYY-MM-DD>.csv``. The date in the name is the
index date and becomes the release's version.

Run by ``services.coverage_index_import`` and ``services.coverage_import_all``.
Writes nothing itself: it returns one ``ParsedCoverageIndex``.

The layout: one header row naming the columns (found by name, so added
columns are ignored), then one row per document version. Quirks: the
contractor cell holds a line break inside its quotes, between the
contractor's name and its contract types ("Palmetto GBA" newline "(MAC -
Part A)"), so a row spans two lines; dates are MM/DD/YYYY and a document not
retired has "N/A". The file is a few thousand rows and is read whole.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path

from codingdesk.codesets.importers.base import ImportFileError
from codingdesk.lib.files import data_files

FILE_PATTERN = re.compile(r"^mcd_lcd_article_documents_(?P<date>\d{4}-\d{2}-\d{2})(?P<suffix>.*)\.csv$", re.I)
SAMPLE_MARKS = ("sample", "excerpt")

CONTRACTOR, DISPLAY_ID, DOCUMENT_NUMBER = "contractor_name_type", "document_display_id", "document_id"
TYPE, VERSION, EFFECTIVE, RETIREMENT = "document_type", "document_version", "effective_date", "retirement_date"
TITLE, URL, NOTE = "title", "url", "note"
REQUIRED_COLUMNS = (CONTRACTOR, DISPLAY_ID, DOCUMENT_NUMBER, TYPE, VERSION, EFFECTIVE, RETIREMENT, TITLE, URL)
# document_type -> (kind, the letter its display IDs start with)
KINDS = {"lcd": ("lcd", "L"), "article": ("article", "A")}
DISPLAY_ID_SHAPE = re.compile(r"^(?P<letter>[LA])(?P<number>\d{5,6})$")
NOT_RETIRED = "N/A"
# models.CoverageDocument widths; the database would refuse longer text
# without naming the line.
WIDTHS = {TITLE: 500, CONTRACTOR: 300, URL: 500, NOTE: 100}


@dataclass
class ParsedCoverageDocument:
    kind: str
    document_id: str
    version: int
    title: str
    contractor: str
    effective_date: datetime.date
    retirement_date: datetime.date | None
    note: str
    url: str
    location: str = ""


@dataclass
class ParsedCoverageIndex:
    version: str
    effective_from: datetime.date
    source_files: list[Path]
    documents: list[ParsedCoverageDocument]


def find_sources(data_dir: Path) -> list[list[Path]]:
    """One file per index date, oldest first; samples and excerpts left out."""
    found = []
    for path in data_files(data_dir, "*.csv"):
        match = FILE_PATTERN.match(path.name)
        if match and not any(mark in match["suffix"].lower() for mark in SAMPLE_MARKS):
            found.append((match["date"], path.name.lower(), path))
    return [[path] for *_, path in sorted(found)]


def parse(paths: list[Path]) -> ParsedCoverageIndex:
    paths = [Path(path) for path in paths]
    if len(paths) != 1:
        raise ImportFileError(paths[-1] if paths else "", "file name", "file", "a coverage index is exactly one file")
    (path,) = paths
    index_date = _index_date(path)
    rows = _read_rows(path)
    if not rows:
        raise ImportFileError(path, "line 1", "header", "the file is empty")
    header_line, header = rows[0]
    columns = _columns(path, header_line, header)
    documents = [_document(path, line, cells, columns, len(header)) for line, cells in rows[1:] if any(cells)]
    if not documents:
        raise ImportFileError(path, f"line {header_line + 1}", "rows", "the file lists no documents")
    _refuse_duplicates(path, documents)
    return ParsedCoverageIndex(
        version=index_date.isoformat(), effective_from=index_date, source_files=[path], documents=documents
    )


def _index_date(path: Path) -> datetime.date:
    match = FILE_PATTERN.match(path.name)
    if not match:
        problem = "not a coverage index name (mcd_lcd_article_documents_YYYY-MM-DD.csv)"
        raise ImportFileError(path, "file name", "index date", problem)
    try:
        return datetime.date.fromisoformat(match["date"])
    except ValueError:
        raise ImportFileError(path, "file name", "index date", f"{match['date']} is not a date") from None


def _read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(the line a row starts on, its cells) for every row. A quoted cell
    left open at the end (a download cut short) is refused with its line."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(path, f"byte {error.start}", "encoding", "not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(path, f"line {start}", "CSV", f"not readable as CSV ({error}); is the file truncated?") from None
    if text and not text.endswith(("\n", "\r")):
        # CMS ends the file with a line break: without one the last row may
        # have been cut mid-cell, where no other check could tell.
        raise ImportFileError(path, f"line {start - 1 if rows else 1}", "file", "no line break at the end; is the file truncated?")
    return rows


def _columns(path: Path, line: int, header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = cell.strip().lower()
        if name in columns:
            raise ImportFileError(path, f"line {line}", name, f"named twice (columns {columns[name] + 1} and {position + 1})")
        columns[name] = position
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            raise ImportFileError(path, f"line {line}", name, f"the header has no {name} column")
    return columns


def _document(path: Path, line: int, cells: list[str], columns: dict[str, int], width: int) -> ParsedCoverageDocument:
    location = f"line {line}"
    if len(cells) != width:
        field_name = next((name for name, position in columns.items() if position >= len(cells)), "row")
        problem = f"the row has {len(cells)} cells and the header {width}; is the row cut short?"
        raise ImportFileError(path, location, field_name, problem)

    def cell(name: str) -> str:
        value = " ".join(cells[columns[name]].split()) if name in columns else ""
        if len(value) > WIDTHS.get(name, 1000):
            raise ImportFileError(path, location, name, f"longer than {WIDTHS[name]} characters")
        return value

    def required(name: str) -> str:
        if not (value := cell(name)):
            raise ImportFileError(path, location, name, "blank")
        return value

    document_type = required(TYPE)
    if document_type.lower() not in KINDS:
        raise ImportFileError(path, location, TYPE, f"{document_type[:30]!r} is neither LCD nor Article")
    kind, letter = KINDS[document_type.lower()]
    document_id = required(DISPLAY_ID)
    shape = DISPLAY_ID_SHAPE.match(document_id)
    if not shape or shape["letter"] != letter:
        raise ImportFileError(path, location, DISPLAY_ID, f"{document_id[:30]!r} is not an {document_type} ID ({letter}12345)")
    if required(DOCUMENT_NUMBER).lstrip("0") != shape["number"].lstrip("0"):
        raise ImportFileError(path, location, DOCUMENT_NUMBER, f"{cell(DOCUMENT_NUMBER)[:30]!r} does not match {document_id}")
    version = required(VERSION)
    if not version.isdigit():
        raise ImportFileError(path, location, VERSION, f"{version[:30]!r} is not a version number")
    url = required(URL)
    if not url.startswith("https://"):
        raise ImportFileError(path, location, URL, f"{url[:60]!r} is not an https link")
    # The MCD links name the version (…&ver=45); a different one is a shifted column.
    if (named := re.search(r"[?&]ver=(\d+)", url)) and int(named[1]) != int(version):
        raise ImportFileError(path, location, URL, f"links to version {named[1]}, the row is version {version}")
    retirement = required(RETIREMENT)
    return ParsedCoverageDocument(
        kind=kind,
        document_id=document_id,
        version=int(version),
        title=required(TITLE),
        contractor=required(CONTRACTOR),
        effective_date=_date(path, location, EFFECTIVE, required(EFFECTIVE)),
        retirement_date=None if retirement.upper() == NOT_RETIRED else _date(path, location, RETIREMENT, retirement),
        note=cell(NOTE),
        url=url,
        location=location,
    )


def _date(path: Path, location: str, field_name: str, raw: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(raw, "%m/%d/%Y").date()
    except ValueError:
        raise ImportFileError(path, location, field_name, f"{raw[:30]!r} is not a date in MM/DD/YYYY form") from None


def _refuse_duplicates(path: Path, documents: list[ParsedCoverageDocument]) -> None:
    seen: dict[tuple[str, int], str] = {}
    for document in documents:
        key = (document.document_id, document.version)
        if key in seen:
            problem = f"{document.document_id} version {document.version} is listed twice (also {seen[key]})"
            raise ImportFileError(path, document.location, DISPLAY_ID, problem)
        seen[key] = document.location
