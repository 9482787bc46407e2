"""What every importer hands to the import service: plain data, no models.

An importer reads one official format and returns ``ParsedRelease`` objects.
It raises ``ImportFileError`` at the first thing it cannot read, naming the
file, where in it (a line number or an XML path) and the field at fault.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


class ImportFileError(Exception):
    def __init__(self, file: Path | str, location: str, field_name: str, problem: str):
        self.file = Path(file).name
        self.location = location
        self.field_name = field_name
        self.problem = problem
        super().__init__(f"{self.file}, {location}, field {field_name}: {problem}")


@dataclass
class ParsedNote:
    kind: str
    text: str
    character: str = ""


@dataclass
class ParsedCode:
    code: str
    long_title: str
    kind: str
    billable: bool
    parent: str = ""
    depth: int = 0
    short_title: str = ""
    added_date: datetime.date | None = None
    effective_date: datetime.date | None = None
    termination_date: datetime.date | None = None
    details: dict = field(default_factory=dict)
    notes: list[ParsedNote] = field(default_factory=list)
    # Where the code came from, so a duplicate can be reported precisely.
    location: str = ""


@dataclass
class ParsedAxisDefinition:
    section: str
    position: int
    axis_title: str
    term: str
    definition: str = ""
    explanation: str = ""
    includes: str = ""


@dataclass
class ParsedRelease:
    system: str
    version: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    source_files: list[Path]
    codes: list[ParsedCode]
    axis_definitions: list[ParsedAxisDefinition] = field(default_factory=list)


def parse_yyyymmdd(raw: str, *, file: Path, location: str, field_name: str) -> datetime.date | None:
    """Dates in CMS fixed-width files: YYYYMMDD, or blank for none."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        return datetime.datetime.strptime(raw, "%Y%m%d").date()
    except ValueError:
        raise ImportFileError(file, location, field_name, f"{raw!r} is not a date in YYYYMMDD form") from None


def read_xml_root(path: Path) -> ET.Element:
    """The root element of an XML release file; a malformed file is refused with its line."""
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as error:
        line, column = error.position
        raise ImportFileError(path, f"line {line}, column {column}", "XML", f"not well-formed XML ({error})") from None
