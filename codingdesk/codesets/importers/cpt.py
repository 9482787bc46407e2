"""CPT from a site's own licensed AMA data files; nothing of CPT ships with CodingDesk.

Run by ``codingdesk import cpt <folder-or-file> [--version 2026]`` and by
``import --all``, which looks only in ``<data dir>/cpt/``. Two layouts:

- the AMA data files ``LONGULT.txt`` (required), ``MEDU.txt`` and
  ``SHORTU.txt`` in one folder: a code, a tab (a space in some releases) and
  the long, medium or short descriptor on each line;
- one CSV with the header ``code,long,medium,short`` (medium and short may be blank).

The release is named by ``--version`` or by the year in the file's or its
folder's name (``CPT2026/``, ``cpt-2026.csv``) and takes effect on January 1
of that year. Writes one release of system ``cpt``; the descriptors are
licensed content, shown only where the site holds a licence (see codesets/cpt.py).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

from codingdesk.lib.files import data_files

from .base import ImportFileError, ParsedCode, ParsedRelease

SYSTEM = "cpt"
SYSTEMS = (SYSTEM,)
DATA_FOLDER = "cpt"
# The AMA file of each descriptor length; only the long one is required.
LONG, MEDIUM, SHORT = "long", "medium", "short"
DATA_FILES = {"longult.txt": LONG, "medu.txt": MEDIUM, "shortu.txt": SHORT}
CSV_FILE = re.compile(r"^cpt.*\.csv$", re.I)
CSV_HEADER = ["code", "long", "medium", "short"]
# Category I: 5 digits; II: 4 digits + F; III: + T; PLA: + U; MAAA: + M.
CATEGORIES = {"": "I", "F": "II", "T": "III", "U": "PLA", "M": "MAAA"}
CODE_SHAPE = re.compile(r"^\d{4}(?:\d|[FTUM])$")
YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
VERSION = re.compile(r"^(?P<year>20\d{2})(?:-(?P<month>0[1-9]|1[0-2]))?$")
MAX_SHORT_LENGTH = 200  # Code.short_title
MEDIUM_DESCRIPTOR = "medium_descriptor"  # Code.details has no column for it


def find_sources(data_dir: Path) -> list[list[Path]]:
    """``import --all``: only ``<data dir>/cpt/``, so CMS files elsewhere that
    carry CPT descriptors (the RVU file's DESCRIPTION column) are never read as CPT."""
    folder = data_dir / DATA_FOLDER
    return find_sources_in(folder) if folder.is_dir() else []


def find_sources_in(folder: Path) -> list[list[Path]]:
    """A folder named on the command line: each folder in it holding LONGULT.txt
    (with its MEDU.txt and SHORTU.txt), and each cpt*.csv."""
    groups = []
    for long_file in sorted(path for path in data_files(folder) if path.name.lower() == "longult.txt"):
        companions = sorted(path for path in long_file.parent.iterdir() if path.name.lower() in DATA_FILES)
        groups.append([long_file, *(path for path in companions if path != long_file)])
    groups += [[path] for path in sorted(data_files(folder)) if CSV_FILE.match(path.name) and path.is_file()]
    return groups


def parse(paths: list[Path], *, version: str | None = None) -> list[ParsedRelease]:
    paths = [Path(path) for path in paths]
    if any(path.suffix.lower() == ".csv" for path in paths):
        if len(paths) > 1:
            raise ImportFileError(paths[0], "file list", "file", "a CSV is imported on its own, not with other files")
        descriptors, long_file = _read_csv(paths[0]), paths[0]
    else:
        descriptors, long_file = _read_data_files(paths)
    effective_from, version = _release_date(long_file, version)
    codes = sorted(descriptors.values(), key=_code_order)
    return [
        ParsedRelease(
            system=SYSTEM,
            version=version,
            effective_from=effective_from,
            effective_to=None,
            source_files=paths,
            codes=codes,
        )
    ]


def _read_data_files(paths: list[Path]) -> tuple[dict[str, ParsedCode], Path]:
    by_kind: dict[str, Path] = {}
    for path in paths:
        kind = DATA_FILES.get(path.name.lower())
        if kind is None:
            problem = f"{path.name!r} is not a CPT data file: expected LONGULT.txt, MEDU.txt, SHORTU.txt or a .csv"
            raise ImportFileError(path, "file name", "file", problem)
        by_kind[kind] = path
    if LONG not in by_kind:
        raise ImportFileError(paths[0], "file list", "file", "LONGULT.txt (the long descriptors) is required")
    long_file = by_kind[LONG]
    codes = {
        code: ParsedCode(
            code=code, long_title=text, kind="code", billable=True, details={"category": _category(code)},
            location=f"{long_file.name} line {number}",
        )
        for code, (text, number) in _descriptor_lines(long_file).items()
    }
    for kind in (MEDIUM, SHORT):
        if kind in by_kind:
            for code, (text, number) in _descriptor_lines(by_kind[kind]).items():
                _add_descriptor(codes, code, kind, text, by_kind[kind], f"line {number}", long_file.name)
    return codes, long_file


def _descriptor_lines(path: Path) -> dict[str, tuple[str, int]]:
    """code -> (descriptor, line number) from one AMA data file."""
    found: dict[str, tuple[str, int]] = {}
    for number, line in _lines(path):
        if not line.strip():
            continue
        code, separator, text = _split(line)
        location = f"line {number}"
        if not separator:
            problem = f"{line.strip()[:20]!r} has no tab between the code and the descriptor; is the file truncated?"
            raise ImportFileError(path, location, "code", problem)
        _check_code(path, location, "code", code)
        text = _check_descriptor(path, location, "descriptor", text)
        if code in found:
            raise ImportFileError(path, location, "code", f"{code} appears twice (first at line {found[code][1]})")
        found[code] = (text, number)
    if not found:
        raise ImportFileError(path, "whole file", "code", "the file holds no CPT codes")
    return found


def _split(line: str) -> tuple[str, str, str]:
    """(code, separator, descriptor); some AMA releases put a space, not a tab, after the code."""
    code, separator, text = line.partition("\t") if "\t" in line else line.strip().partition(" ")
    return code.strip(), separator, text


def _read_csv(path: Path) -> dict[str, ParsedCode]:
    reader = csv.reader(io.StringIO(_decoded(path), newline=""))
    header = next(reader, [])
    if [name.strip().lower() for name in header] != CSV_HEADER:
        problem = f"the first line must be {','.join(CSV_HEADER)}, not {','.join(header)[:80]!r}"
        raise ImportFileError(path, "line 1", "header", problem)
    codes: dict[str, ParsedCode] = {}
    for row in reader:
        location = f"line {reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_HEADER):
            problem = f"{len(row)} fields; each row has {len(CSV_HEADER)} ({','.join(CSV_HEADER)}). Is it truncated?"
            raise ImportFileError(path, location, "row", problem)
        code, long_text, medium_text, short_text = (cell.strip() for cell in row)
        _check_code(path, location, "code", code)
        if code in codes:
            problem = f"{code} appears twice (first at {codes[code].location})"
            raise ImportFileError(path, location, "code", problem)
        codes[code] = ParsedCode(
            code=code, long_title=_check_descriptor(path, location, "long", long_text), kind="code", billable=True,
            details={"category": _category(code)}, location=location,
        )
        for kind, text in ((MEDIUM, medium_text), (SHORT, short_text)):
            if text:
                _add_descriptor(codes, code, kind, text, path, location, path.name)
    if not codes:
        raise ImportFileError(path, "whole file", "code", "the file holds no CPT codes")
    return codes


def _add_descriptor(
    codes: dict[str, ParsedCode], code: str, kind: str, text: str, path: Path, location: str, long_name: str
) -> None:
    if code not in codes:
        raise ImportFileError(path, location, "code", f"{code} has a {kind} descriptor but no long one in {long_name}")
    if kind == SHORT:
        if len(text) > MAX_SHORT_LENGTH:
            problem = f"{len(text)} characters; a short descriptor has at most {MAX_SHORT_LENGTH}"
            raise ImportFileError(path, location, "short", problem)
        codes[code].short_title = text
    else:
        codes[code].details[MEDIUM_DESCRIPTOR] = text


def _check_code(path: Path, location: str, field_name: str, code: str) -> None:
    if not CODE_SHAPE.match(code):
        problem = (
            f"{code[:20]!r} is not a CPT code: 5 digits, or 4 digits and F (Category II), "
            "T (Category III), U (PLA) or M (MAAA)"
        )
        raise ImportFileError(path, location, field_name, problem)


def _check_descriptor(path: Path, location: str, field_name: str, text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ImportFileError(path, location, field_name, "the descriptor is empty")
    return text


def _lines(path: Path):
    # Split on \n only: str.splitlines() would also break at \x85, which is a
    # character (an ellipsis in Windows-1252 text read as Latin-1), not a line end.
    for number, line in enumerate(_decoded(path).split("\n"), start=1):
        yield number, line.rstrip("\r")


def _decoded(path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), else Latin-1: the AMA has shipped both."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _release_date(path: Path, version: str | None) -> tuple[datetime.date, str]:
    """(effective from, version): from ``version`` (2026, or 2026-07 for a
    mid-year update), else from the year in the file's or its folder's name."""
    if version is None:
        year = YEAR.search(path.stem) or YEAR.search(path.parent.name)
        if not year:
            problem = (
                f"no year in {path.name!r} or its folder {path.parent.name!r}: "
                "name the folder like CPT2026, or give --version 2026"
            )
            raise ImportFileError(path, "file name", "version", problem)
        version = year[1]
    match = VERSION.match(version.strip())
    if not match:
        raise ImportFileError(path, "--version", "version", f"{version!r} is not a year like 2026 or 2026-07")
    return datetime.date(int(match["year"]), int(match["month"] or 1), 1), match[0]


def _category(code: str) -> str:
    return CATEGORIES[code[4] if code[4].isalpha() else ""]


def _code_order(code: ParsedCode) -> tuple[int, str]:
    """Category I first, then II, III, PLA and MAAA, each in code order."""
    return list(CATEGORIES.values()).index(code.details["category"]), code.code
