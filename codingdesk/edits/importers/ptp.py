"""NCCI procedure-to-procedure (PTP) edit files from CMS: tab-separated text.

Run by ``edit_release_import`` and ``edits_import_all`` (edits/services.py).
A quarterly release per setting comes as several part files, practitioner
``ccipra-v322r0-f1.txt`` .. ``-f4.txt`` and outpatient hospital
``ccioph-v322r0-f1.txt`` ..; the parts together make one release. Version
v322 is NCCI 32.2: 32 is the year less 1994 (2026) and the last digit the
quarter (0 = January, 1 = April, 2 = July, 3 = October), so v322 takes effect
on 2026-07-01. ``r0`` is the revision: a corrected file set for the same
quarter replaces the earlier one.

Every part starts with the same six header lines (a CPT notice, a title, and
column names spread over four lines), then one edit a line: column 1 code,
column 2 code, "*" if the edit existed before 1996, effective date YYYYMMDD,
deletion date YYYYMMDD or "*" for none, modifier indicator 0/1/9, rationale.

The practitioner release holds about 2.4 million lines, so rows are read
lazily with ``str.split`` (no csv module: no cell is ever quoted) and every
code, date and rationale is converted once and shared between rows.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from codingdesk.lib.files import data_files

from .base import ImportFileError, ParsedEditRelease, count_lines, decoding_error, is_sample

DATASET_BY_PREFIX = {"ccipra": "ptp_practitioner", "ccioph": "ptp_hospital"}
DATASETS = list(DATASET_BY_PREFIX.values())
FILE_PATTERN = re.compile(
    r"^(?P<prefix>ccipra|ccioph)-v(?P<major>\d{2})(?P<minor>\d)r(?P<revision>\d+)-f(?P<part>\d+)(?P<suffix>.*)\.txt$",
    re.IGNORECASE,
)
# NCCI version 1.0 took effect in 1995; the major number counts years from 1994.
YEAR_OFFSET = 1994
QUARTER_MONTHS = (1, 4, 7, 10)

# Column names as a coder reads them in the header, for error messages.
FIELDS = (
    "Column 1",
    "Column 2",
    "*=in existence prior to 1996",
    "Effective Date",
    "Deletion Date",
    "Modifier",
    "PTP Edit Rationale",
)
COLUMNS = len(FIELDS)
HEADER_LINES = 6
# Line 1 carries the year of the CPT copyright, which changes every year.
NOTICE = re.compile(r"^CPT only copyright \d{4} American Medical Association\.")
# Lines 2 to 6 as CMS prints them, cells stripped, trailing empty cells dropped.
HEADER = {
    2: ["Column1/Column2 Edits"],
    3: ["Column 1", "Column 2", "*=in existence", "Effective", "Deletion", "Modifier", "PTP Edit Rationale"],
    4: ["", "", "prior to 1996", "Date", "Date", "0=not allowed"],
    5: ["", "", "", "", "*=no data", "1=allowed"],
    6: ["", "", "", "", "", "9=not applicable"],
}
CODE = re.compile(r"^[A-Z0-9]{5}$")
PRIOR_1996 = {"*": True, "": False}
NO_DELETION = "*"
MODIFIER_INDICATORS = frozenset({"0", "1", "9"})
MAX_RATIONALE_LENGTH = 200
ENCODING = "utf-8-sig"


class _FileName(NamedTuple):
    prefix: str
    major: int
    minor: int
    revision: int
    part: int
    suffix: str

    @property
    def release_key(self) -> tuple[str, int, int, int]:
        return (self.prefix, self.major, self.minor, self.revision)


def find_sources(data_dir: Path) -> list[list[Path]]:
    """Each release's part files in part order, oldest release first. Where
    several revisions of one quarter are present, only the newest counts."""
    releases: dict[tuple, list[tuple[int, Path]]] = {}
    for path in sorted(data_files(data_dir)):
        match = FILE_PATTERN.match(path.name)
        if not match or is_sample(match["suffix"]) or not path.is_file():
            continue
        name = _file_name(path)
        releases.setdefault(name.release_key, []).append((name.part, path))
    newest: dict[tuple, tuple] = {}
    for key in releases:
        quarter = key[:3]
        if quarter not in newest or key > newest[quarter]:
            newest[quarter] = key
    return [[path for _, path in sorted(releases[key])] for key in sorted(newest.values())]


def dataset_of(paths: list[Path]) -> str:
    return DATASET_BY_PREFIX[_file_name(Path(paths[0])).prefix]


def parse(paths: list[Path]) -> ParsedEditRelease:
    """Checks the file names and every part's header now; the rows are read
    (and checked) as ``rows`` is consumed."""
    paths = [Path(path) for path in paths]
    if not paths:
        raise ValueError("a PTP release needs at least one part file")
    names = {path: _file_name(path) for path in paths}
    ordered = _check_parts(names)
    first = names[ordered[0]]
    for path in ordered:
        _check_header(path)
    return ParsedEditRelease(
        dataset=DATASET_BY_PREFIX[first.prefix],
        version=f"{first.major}.{first.minor}",
        effective_from=datetime.date(first.major + YEAR_OFFSET, QUARTER_MONTHS[first.minor], 1),
        source_files=ordered,
        rows=_rows(ordered),
        expected_rows=sum(max(count_lines(path) - HEADER_LINES, 0) for path in ordered),
    )


def _file_name(path: Path) -> _FileName:
    match = FILE_PATTERN.match(path.name)
    if not match:
        raise ImportFileError(
            path,
            "file name",
            "file name",
            "a PTP file is named like ccipra-v322r0-f1.txt (practitioner) or ccioph-v322r0-f1.txt (hospital)",
        )
    name = _FileName(
        prefix=match["prefix"].lower(),
        major=int(match["major"]),
        minor=int(match["minor"]),
        revision=int(match["revision"]),
        part=int(match["part"]),
        suffix=match["suffix"],
    )
    if name.minor >= len(QUARTER_MONTHS):
        raise ImportFileError(
            path, "file name", "version", f"v{match['major']}{match['minor']}: the last digit is the quarter, 0 to 3"
        )
    return name


def _check_parts(names: dict[Path, _FileName]) -> list[Path]:
    """The parts of one release, in order: f1, f2, ... with none missing."""
    ordered = sorted(names, key=lambda path: names[path].part)
    first = names[ordered[0]]
    for path in ordered:
        if names[path].release_key != first.release_key:
            raise ImportFileError(
                path, "file name", "release", f"{path.name} is not a part of the same release as {ordered[0].name}"
            )
    for expected, path in enumerate(ordered, start=1):
        if names[path].part != expected:
            problem = "is given twice" if names[path].part < expected else "is missing"
            raise ImportFileError(path, "file name", "part", f"part f{expected} of this release {problem}")
    return ordered


def _check_header(path: Path) -> None:
    try:
        with path.open(encoding=ENCODING) as stream:
            lines = [stream.readline() for _ in range(HEADER_LINES)]
    except UnicodeDecodeError:
        raise decoding_error(path, "utf-8") from None
    for number, line in enumerate(lines, start=1):
        if not line:
            raise ImportFileError(path, f"line {number}", "header", "the file ends inside the six-line header")
        cells = [cell.strip() for cell in line.rstrip("\r\n").split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if number == 1:
            if not cells or not NOTICE.match(cells[0]):
                raise ImportFileError(
                    path, "line 1", "notice", f"expected the CPT copyright notice, found {line.strip()[:60]!r}"
                )
            continue
        expected = HEADER[number]
        for index in range(max(len(cells), len(expected))):
            found = cells[index] if index < len(cells) else ""
            wanted = expected[index] if index < len(expected) else ""
            if found != wanted:
                field = FIELDS[index] if index < COLUMNS else f"column {index + 1}"
                raise ImportFileError(
                    path, f"line {number}", field, f"the header says {found!r} where the PTP layout has {wanted!r}"
                )


def _rows(paths: list[Path]) -> Iterator[tuple]:
    # Shared between parts: the same codes, dates and rationales recur in all of them.
    codes: dict[str, str] = {}
    dates: dict[str, datetime.date] = {}
    rationales: dict[str, str] = {}
    for path in paths:
        try:
            yield from _file_rows(path, codes, dates, rationales)
        except UnicodeDecodeError:
            raise decoding_error(path, "utf-8") from None


def _file_rows(path: Path, codes: dict, dates: dict, rationales: dict) -> Iterator[tuple]:
    """(column1, column2, in_existence_prior_1996, effective, deletion,
    modifier_indicator, rationale) for each data line of one part."""
    with path.open(encoding=ENCODING) as stream:
        for number, line in enumerate(stream, start=1):
            if number <= HEADER_LINES:
                continue
            # Only the last line can lack its line break: a file cut short.
            complete = line.endswith("\n")
            cells = (line[:-1] if complete else line).split("\t")
            if not cells[0] and not line.strip():
                continue  # a blank line, or one of empty cells
            if len(cells) != COLUMNS:
                cells = _fit_columns(path, number, cells, complete)
            column1, column2, prior, effective, deletion, indicator, rationale = cells
            column1 = codes.get(column1) or _code(codes, column1, path, number, FIELDS[0])
            column2 = codes.get(column2) or _code(codes, column2, path, number, FIELDS[1])
            in_existence_prior_1996 = PRIOR_1996.get(prior)
            if in_existence_prior_1996 is None:
                in_existence_prior_1996 = _prior_1996(prior, path, number)
            effective = dates.get(effective) or _date(dates, effective, path, number, FIELDS[3])
            if deletion == NO_DELETION:
                deletion = None
            else:
                deletion = dates.get(deletion) or _date(dates, deletion, path, number, FIELDS[4])
            if indicator not in MODIFIER_INDICATORS:
                raise ImportFileError(
                    path, f"line {number}", FIELDS[5], f"{indicator!r} is not a modifier indicator (0, 1 or 9)"
                )
            known_rationale = rationales.get(rationale)
            if not complete and known_rationale is None:
                # A last line without a line break whose rationale is new is
                # most likely cut off in the middle of its rationale.
                raise _cut_short(path, number)
            rationale = known_rationale or _rationale(rationales, rationale, path, number)
            yield (column1, column2, in_existence_prior_1996, effective, deletion, indicator, rationale)


def _fit_columns(path: Path, number: int, cells: list[str], complete: bool) -> list[str]:
    """The seven cells of a line with more or fewer: empty cells trailing
    the seventh are dropped; anything else is an error."""
    if len(cells) > COLUMNS and not "".join(cells[COLUMNS:]).strip():
        return cells[:COLUMNS]
    if not complete:
        raise _cut_short(path, number)
    if len(cells) < COLUMNS:
        raise ImportFileError(
            path,
            f"line {number}",
            FIELDS[len(cells)],
            f"the line has {len(cells)} of the {COLUMNS} tab-separated columns",
        )
    raise ImportFileError(
        path, f"line {number}", f"column {COLUMNS + 1}", f"the line has {len(cells)} columns, the layout {COLUMNS}"
    )


def _cut_short(path: Path, number: int) -> ImportFileError:
    return ImportFileError(
        path, f"line {number}", "row", "the file ends in the middle of this row (truncated download?)"
    )


def _code(codes: dict, raw: str, path: Path, number: int, field: str) -> str:
    code = raw.strip()
    if not code:
        raise ImportFileError(path, f"line {number}", field, "the code is empty")
    if not CODE.match(code):
        raise ImportFileError(path, f"line {number}", field, f"{raw!r} is not a CPT/HCPCS code (five letters or digits)")
    codes[raw] = code
    return code


def _date(dates: dict, raw: str, path: Path, number: int, field: str) -> datetime.date:
    value = raw.strip()
    try:
        if len(value) != 8 or not value.isdigit():
            raise ValueError
        date = datetime.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise ImportFileError(path, f"line {number}", field, f"{raw!r} is not a date in YYYYMMDD form") from None
    dates[raw] = date
    return date


def _prior_1996(raw: str, path: Path, number: int) -> bool:
    if raw.strip() in PRIOR_1996:
        return PRIOR_1996[raw.strip()]
    raise ImportFileError(path, f"line {number}", FIELDS[2], f"{raw!r} is neither '*' nor empty")


def _rationale(rationales: dict, raw: str, path: Path, number: int) -> str:
    text = raw.strip()
    if len(text) > MAX_RATIONALE_LENGTH:
        raise ImportFileError(
            path, f"line {number}", FIELDS[6], f"the rationale is longer than {MAX_RATIONALE_LENGTH} characters"
        )
    rationales[raw] = text
    return text
