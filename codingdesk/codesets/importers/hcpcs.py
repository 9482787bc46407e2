"""HCPCS Level II quarterly file from CMS, fixed width, e.g. ``HCPC2025_OCT_ANWEB.txt``.

Run by ``codingdesk import hcpcs <file>`` (or ``hcpcs_modifier``: the same
file) and by ``import --all``, which finds the files in the data directory.
One file yields two releases: procedure codes (system ``hcpcs``) and
modifiers (``hcpcs_modifier``). Positions and item numbers (#) below are
those of the CMS record layout (HCPC2026_recordlayout.txt, 320 characters).
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from codingdesk.lib.files import data_files

from .base import ImportFileError, ParsedCode, ParsedRelease, parse_yyyymmdd

SYSTEM = "hcpcs"
MODIFIER_SYSTEM = "hcpcs_modifier"
SYSTEMS = [SYSTEM, MODIFIER_SYSTEM]
FILE_PATTERN = re.compile(r"^HCPC(?P<year>\d{4})_(?P<month>[A-Z]{3})_ANWEB.*\.txt$", re.I)
# A sample holds a few hundred records, not a release; import it by name only.
SAMPLE_MARK = ".sample"
RECORD_LENGTH = 320

# (name, first position, last position), 1-based and inclusive as in the layout.
FIELDS = (
    ("code", 1, 5),  # 1
    ("modifier_filler", 1, 3),  # 3: blank on modifier lines
    ("modifier", 4, 5),  # 4
    ("sequence", 6, 10),  # 5
    ("record_id", 11, 11),  # 6 (RIC)
    ("long_description", 12, 91),  # 7
    ("short_description", 92, 119),  # 8
    ("pricing_indicators", 120, 127),  # 9, 4 x 2
    ("multiple_pricing_indicator", 128, 128),  # 10
    ("cim_references", 129, 146),  # 11, 3 x 6
    ("mcm_references", 147, 170),  # 12, 3 x 8
    ("statute", 171, 180),  # 13
    ("lab_certifications", 181, 204),  # 14, 8 x 3
    ("cross_references", 205, 229),  # 15, 5 x 5
    ("coverage_code", 230, 230),  # 16
    ("asc_group", 231, 232),  # 17
    ("asc_effective_date", 233, 240),  # 18
    # 19-21 (MOG group, policy, date; 241-252) are blank in every file seen.
    ("processing_note", 253, 256),  # 22
    ("betos", 257, 259),  # 23
    ("types_of_service", 261, 265),  # 25, 5 x 1
    ("anesthesia_base_units", 266, 268),  # 26
    ("added_date", 269, 276),  # 27
    ("effective_date", 277, 284),  # 28
    ("termination_date", 285, 292),  # 29
    ("action_code", 293, 293),  # 30
)
SLICES = {name: slice(start - 1, end) for name, start, end in FIELDS}
# Fields that OCCUR several times side by side: the width of one occurrence.
OCCURRENCE_WIDTHS = {
    "pricing_indicators": 2,
    "cim_references": 6,
    "mcm_references": 8,
    "lab_certifications": 3,
    "cross_references": 5,
    "types_of_service": 1,
}
# Kept in Code.details, in layout order.
DETAIL_FIELDS = (
    "pricing_indicators", "multiple_pricing_indicator", "cim_references", "mcm_references", "statute",
    "lab_certifications", "cross_references", "coverage_code", "asc_group", "asc_effective_date",
    "processing_note", "betos", "types_of_service", "anesthesia_base_units", "action_code",
)
LAYOUT_NAMES = {
    "code": "HCPCS Code",
    "modifier_filler": "FILLER (item 3)",
    "modifier": "HCPCS Modifier Code",
    "sequence": "HCPCS Sequence Number",
    "record_id": "HCPCS Record Identification Code",
    "long_description": "HCPCS Long Description",
    "asc_effective_date": "HCPCS ASC Payment Group Effective Date",
    "anesthesia_base_units": "HCPCS Anesthesia Base Unit Quantity",
    "added_date": "HCPCS Code Added Date",
    "effective_date": "HCPCS Action Effective Date",
    "termination_date": "HCPCS Termination Date",
}
# #6: 3/7 = first line of a procedure/modifier, with all details; 4/8 = a
# further 80 characters of its long description, nothing else.
PROCEDURE_FIRST, PROCEDURE_MORE, MODIFIER_FIRST, MODIFIER_MORE = "3", "4", "7", "8"
FIRST_LINE_OF = {PROCEDURE_MORE: PROCEDURE_FIRST, MODIFIER_MORE: MODIFIER_FIRST}


@dataclass
class _Record:
    """One code: its first line and the description parts of every line."""

    line_number: int
    first_line: str
    last_sequence: int
    description_parts: list[str] = field(default_factory=list)

    @property
    def record_id(self) -> str:
        return _field(self.first_line, "record_id")

    @property
    def is_modifier(self) -> bool:
        return self.record_id == MODIFIER_FIRST


def find_sources(data_dir: Path) -> list[list[Path]]:
    found = [
        path
        for path in data_files(data_dir)
        if FILE_PATTERN.match(path.name) and SAMPLE_MARK not in path.name.lower() and path.is_file()
    ]
    # Oldest release first; a corrected file (..._ANWEB_v2.txt) after the one it replaces.
    return [[path] for path in sorted(found, key=lambda path: (_release_month(path), path.name.lower(), path))]


def parse(paths: list[Path]) -> list[ParsedRelease]:
    (path,) = paths
    effective_from = _effective_from(path)
    records = _group_records(path, _record_lines(path))
    if not records:
        raise ImportFileError(path, "whole file", LAYOUT_NAMES["record_id"], "the file holds no HCPCS records")
    procedures = [_parsed_code(path, record, effective_from) for record in records if not record.is_modifier]
    modifiers = [_parsed_code(path, record, effective_from) for record in records if record.is_modifier]
    # Every CMS file holds both; a file without one is not a whole release.
    for codes, kind in ((procedures, "procedure (RIC 3)"), (modifiers, "modifier (RIC 7)")):
        if not codes:
            raise ImportFileError(path, "whole file", LAYOUT_NAMES["record_id"], f"the file holds no {kind} records")
    return [
        ParsedRelease(
            system=system,
            version=effective_from.strftime("%Y-%m"),
            effective_from=effective_from,
            effective_to=_quarter_end(effective_from),
            source_files=[path],
            codes=codes,
        )
        for system, codes in ((SYSTEM, procedures), (MODIFIER_SYSTEM, modifiers))
    ]


def _effective_from(path: Path) -> datetime.date:
    """CMS names each quarterly file after its first month: HCPC2025_OCT_ANWEB."""
    year, month = _release_month(path)
    if not month:
        raise ImportFileError(
            path, "file name", "release month", f"{path.name!r} is not named like HCPC2025_OCT_ANWEB.txt"
        )
    return datetime.date(year, month, 1)


def _release_month(path: Path) -> tuple[int, int]:
    """(year, month) from the file name; month 0 when the name has none."""
    match = FILE_PATTERN.match(path.name)
    month_names = [name.upper() for name in calendar.month_abbr]
    if not match or match["month"].upper() not in month_names:
        return (int(match["year"]) if match else 0, 0)
    return int(match["year"]), month_names.index(match["month"].upper())


def _quarter_end(effective_from: datetime.date) -> datetime.date:
    last_month = (effective_from.month - 1) // 3 * 3 + 3
    return datetime.date(effective_from.year, last_month, calendar.monthrange(effective_from.year, last_month)[1])


def _record_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Non-blank lines, padded back to 320 characters."""
    # latin-1 maps one byte to one character, so positions stay byte positions.
    with path.open(encoding="latin-1", newline="") as stream:
        for number, raw in enumerate(stream, start=1):
            line = raw.rstrip("\r\n")
            # The official file ends with one all-blank line that is not a record.
            if not line.strip():
                continue
            if len(line) > RECORD_LENGTH:
                raise ImportFileError(
                    path, f"line {number}", "record length", f"{len(line)} characters; a record has {RECORD_LENGTH}"
                )
            # Lines whose trailing blanks were stripped (by an editor or a
            # download) are padded back, since most detail fields are optional.
            yield number, line.ljust(RECORD_LENGTH)


def _group_records(path: Path, lines: Iterator[tuple[int, str]]) -> list[_Record]:
    records: list[_Record] = []
    for number, line in lines:
        record_id, sequence = _field(line, "record_id"), _sequence(path, number, line)
        if record_id in (PROCEDURE_FIRST, MODIFIER_FIRST):
            records.append(_Record(number, line, sequence))
        elif record_id in FIRST_LINE_OF:
            _check_continuation(path, number, line, sequence, records[-1] if records else None)
            records[-1].last_sequence = sequence
        else:
            problem = f"{record_id!r} is not 3, 4, 7 or 8"
            raise ImportFileError(path, f"line {number}", LAYOUT_NAMES["record_id"], problem)
        records[-1].description_parts.append(_field(line, "long_description"))
    return records


def _check_continuation(path: Path, number: int, line: str, sequence: int, previous: _Record | None) -> None:
    """A RIC 4/8 line continues the code just before it (#5: sequence numbers group a code's lines)."""
    record_id, code = _field(line, "record_id"), _field(line, "code")
    first_id = FIRST_LINE_OF[record_id]
    if previous is None or previous.record_id != first_id or _field(previous.first_line, "code") != code:
        raise ImportFileError(
            path,
            f"line {number}",
            LAYOUT_NAMES["record_id"],
            f"continuation line (RIC {record_id}) of {code.strip()} does not follow the first line "
            f"(RIC {first_id}) of {code.strip()}; is the file truncated?",
        )
    if sequence <= previous.last_sequence:
        problem = f"{sequence:05} does not follow {previous.last_sequence:05}: the lines are out of order"
        raise ImportFileError(path, f"line {number}", LAYOUT_NAMES["sequence"], problem)


def _sequence(path: Path, number: int, line: str) -> int:
    raw = _field(line, "sequence")
    if not raw.isdigit():
        raise ImportFileError(path, f"line {number}", LAYOUT_NAMES["sequence"], f"{raw!r} is not a number")
    return int(raw)


def _parsed_code(path: Path, record: _Record, effective_from: datetime.date) -> ParsedCode:
    line, location = record.first_line, f"line {record.line_number}"
    dates = {name: _date(path, location, line, name) for name in ("added_date", "effective_date", "termination_date")}
    termination = dates["termination_date"]
    return ParsedCode(
        code=_code(path, location, record),
        long_title=_long_title(path, location, record),
        short_title=_field(line, "short_description").strip(),
        kind="code",
        # #29 is the last date a code may be used, so a code terminated on the
        # release's first day is still valid that day. Terminated codes stay in the file.
        billable=termination is None or termination >= effective_from,
        details=_details(path, location, line),
        location=location,
        **dates,
    )


def _code(path: Path, location: str, record: _Record) -> str:
    line, name = record.first_line, "modifier" if record.is_modifier else "code"
    # #2-#4: a modifier record redefines the code as 3 blanks + 2 characters.
    if record.is_modifier and _field(line, "modifier_filler").strip():
        problem = "must be blank on a modifier line (RIC 7)"
        raise ImportFileError(path, location, LAYOUT_NAMES["modifier_filler"], problem)
    code = _field(line, name).strip()
    if not code:
        raise ImportFileError(path, location, LAYOUT_NAMES[name], "blank")
    return code


def _long_title(path: Path, location: str, record: _Record) -> str:
    # #7: CMS breaks the description only at blanks, never inside a word (in
    # all 7,160 continuation lines of Oct 2025, position 91 and the next line's
    # first character are never both filled), so the parts join with one
    # space. A few lines also hold double spaces ("goals.  leverage").
    title = " ".join(" ".join(record.description_parts).split())
    if not title:
        raise ImportFileError(path, location, LAYOUT_NAMES["long_description"], "blank")
    return title


def _details(path: Path, location: str, line: str) -> dict:
    details = {name: _detail(path, location, line, name) for name in DETAIL_FIELDS}
    # Only what is there: most fields are blank on most lines.
    return {name: value for name, value in details.items() if value not in ("", [], None)}


def _detail(path: Path, location: str, line: str, name: str) -> str | list[str] | int | None:
    if name in OCCURRENCE_WIDTHS:
        raw, width = _field(line, name), OCCURRENCE_WIDTHS[name]
        return [value for start in range(0, len(raw), width) if (value := raw[start : start + width].strip())]
    if name == "asc_effective_date":
        # JSON has no dates.
        asc_date = _date(path, location, line, name)
        return asc_date.isoformat() if asc_date else None
    if name == "anesthesia_base_units":
        return _whole_number(path, location, line, name)
    return _field(line, name).strip()


def _whole_number(path: Path, location: str, line: str, name: str) -> int | None:
    raw = _field(line, name).strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ImportFileError(path, location, LAYOUT_NAMES[name], f"{raw!r} is not a whole number")
    return int(raw)


def _date(path: Path, location: str, line: str, name: str) -> datetime.date | None:
    return parse_yyyymmdd(_field(line, name), file=path, location=location, field_name=LAYOUT_NAMES[name])


def _field(line: str, name: str) -> str:
    return line[SLICES[name]]
