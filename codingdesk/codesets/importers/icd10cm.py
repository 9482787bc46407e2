"""ICD-10-CM tabular XML (CDC/NCHS), e.g. ``icd10cm-tabular-April-1-2026.xml``.

Run by ``codingdesk import icd10cm <file>`` and by ``import --all``, which
reads the copy shipped in the simple-icd-10-cm package when the data
directory holds none. Produces chapters, blocks (sections), every ``diag``
and every code completed with a 7th character, with all tabular notes.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

from codingdesk.lib.codes import icd10cm_printed, normalize_code

from codingdesk.lib.files import data_files

from .base import ImportFileError, ParsedCode, ParsedNote, ParsedRelease, read_xml_root

SYSTEM = "icd10cm"
SYSTEMS = [SYSTEM]
FILE_PATTERN = re.compile(r"icd10c[m]?-tabular-(?P<month>[A-Za-z]+)-(?P<day>\d{1,2})-(?P<year>\d{4})\.xml$", re.I)
PACKAGED_FILE = "icd10c-tabular-April-1-2026.xml"

# XML element -> note kind. sevenChrDef is handled on its own.
NOTE_ELEMENTS = {
    "inclusionTerm": "inclusion_term",
    "includes": "includes",
    "excludes1": "excludes1",
    "excludes2": "excludes2",
    "codeFirst": "code_first",
    "useAdditionalCode": "use_additional",
    "codeAlso": "code_also",
    "notes": "note",
    "sevenChrNote": "seventh_character_note",
}
PLACEHOLDER = "X"
# The tabular states some limits on 7th characters only in prose, e.g. under S06:
# "7th characters D and S do not apply to codes in category S06 with 6th
# character 7 - death due to brain injury ..., or 8 - death due to other cause ..."
SEVENTH_CHARACTER_LIMIT = re.compile(
    r"7th characters? (?P<characters>[A-Z](?:(?:, | and | or )[A-Z])*) do(?:es)? not apply to codes in category "
    r"(?P<category>[A-Z]\d[0-9A-Z]) with 6th character (?P<sixth>\w)(?:[^,]*,? or (?P<sixth_or>\w)\b)?"
)


def packaged_source() -> Path:
    """The April 1, 2026 tabular that ships inside simple-icd-10-cm."""
    return Path(str(resources.files("simple_icd_10_cm.data").joinpath(PACKAGED_FILE)))


def find_sources(data_dir: Path) -> list[list[Path]]:
    found = sorted(path for path in data_files(data_dir, "*.xml") if FILE_PATTERN.search(path.name))
    return [[path] for path in found] or [[packaged_source()]]


def parse(paths: list[Path]) -> list[ParsedRelease]:
    (path,) = paths
    effective_from = _effective_date(path)
    root = read_xml_root(path)
    if root.tag != "ICD10CM.tabular":
        raise ImportFileError(path, f"/{root.tag}", "root element", "expected <ICD10CM.tabular>; is this an ICD-10-CM tabular file?")
    walker = _TabularWalker(path)
    for chapter in root.iter("chapter"):
        walker.read_chapter(chapter)
    if not walker.codes:
        raise ImportFileError(path, "/ICD10CM.tabular", "chapter", "the file holds no chapters")
    return [
        ParsedRelease(
            system=SYSTEM,
            version=effective_from.strftime("%Y-%m"),
            effective_from=effective_from,
            effective_to=_fiscal_year_end(effective_from),
            source_files=[path],
            codes=walker.codes,
        )
    ]


def _effective_date(path: Path) -> datetime.date:
    """CDC names each release after its effective date: ...-April-1-2026.xml."""
    match = FILE_PATTERN.search(path.name)
    if not match:
        raise ImportFileError(path, "file name", "effective date", "expected a name like icd10cm-tabular-April-1-2026.xml")
    text = f"{match['month']} {match['day']} {match['year']}"
    try:
        return datetime.datetime.strptime(text, "%B %d %Y").date()
    except ValueError:
        raise ImportFileError(path, "file name", "effective date", f"{text!r} is not a date") from None


def _fiscal_year_end(effective_from: datetime.date) -> datetime.date:
    """ICD-10-CM follows the federal fiscal year, which ends on September 30."""
    year = effective_from.year + (1 if effective_from.month >= 10 else 0)
    return datetime.date(year, 9, 30)


class _TabularWalker:
    """Walks chapters, sections and nested diags in document order."""

    def __init__(self, path: Path):
        self.path = path
        self.codes: list[ParsedCode] = []
        # category -> (7th characters that do not apply, 6th characters they are barred after)
        self.seventh_character_limits: dict[str, tuple[set[str], set[str]]] = {}

    def read_chapter(self, chapter: ET.Element) -> None:
        number = self._text(chapter, "name", "chapter")
        location = f"chapter {number}"
        self.codes.append(
            ParsedCode(
                code=number,
                long_title=self._text(chapter, "desc", location),
                kind="chapter",
                billable=False,
                depth=0,
                notes=_notes_of(chapter),
                location=location,
            )
        )
        for section in chapter.findall("section"):
            self.read_section(section, chapter_code=number)

    def read_section(self, section: ET.Element, *, chapter_code: str) -> None:
        block_code = _block_code(section.get("id", ""))
        location = f"chapter {chapter_code} / section {block_code}"
        if not block_code:
            raise ImportFileError(self.path, location, "section/@id", "missing")
        self.codes.append(
            ParsedCode(
                code=block_code,
                long_title=self._text(section, "desc", location),
                kind="block",
                billable=False,
                parent=chapter_code,
                depth=1,
                notes=_notes_of(section),
                location=location,
            )
        )
        for diag in section.findall("diag"):
            self.read_diag(diag, parent=block_code, depth=2, seventh_characters=None)

    def read_diag(self, diag: ET.Element, *, parent: str, depth: int, seventh_characters: list | None) -> None:
        printed = self._text(diag, "name", f"diag under {parent}")
        location = f"diag {printed}"
        normalized = normalize_code(printed)
        title = self._text(diag, "desc", location)
        own_seventh = _seventh_characters(diag)
        if own_seventh:
            seventh_characters = own_seventh
        children = diag.findall("diag")
        is_leaf = not children
        billable = is_leaf and not seventh_characters
        notes = _notes_of(diag)
        self.remember_seventh_character_limits(notes)
        self.codes.append(
            ParsedCode(
                code=printed,
                long_title=title,
                kind=_diag_kind(normalized, billable),
                billable=billable,
                parent=parent,
                depth=depth,
                notes=notes,
                location=location,
            )
        )
        for child in children:
            self.read_diag(child, parent=normalized, depth=depth + 1, seventh_characters=seventh_characters)
        if is_leaf and seventh_characters:
            self.add_seventh_character_codes(normalized, title, depth + 1, seventh_characters, location)

    def add_seventh_character_codes(self, base: str, title: str, depth: int, characters: list, location: str) -> None:
        # The 7th character always sits in position 7: shorter codes are
        # filled with the placeholder X (S13.4 -> S13.4XXA, W11 -> W11.XXXA).
        stem = base.ljust(6, PLACEHOLDER)
        barred, after_sixth = self.seventh_character_limits.get(base[:3], (set(), set()))
        for character, meaning in characters:
            if character in barred and stem[5] in after_sixth:
                continue
            self.codes.append(
                ParsedCode(
                    code=icd10cm_printed(stem + character),
                    long_title=f"{title}, {meaning}",
                    kind="code",
                    billable=True,
                    parent=base,
                    depth=depth,
                    details={"seventh_character": character, "seventh_character_meaning": meaning},
                    location=f"{location} / sevenChrDef {character}",
                )
            )

    def remember_seventh_character_limits(self, notes: list[ParsedNote]) -> None:
        for note in notes:
            match = SEVENTH_CHARACTER_LIMIT.search(note.text)
            if match:
                characters = set(re.findall(r"[A-Z]", match["characters"]))
                sixth = {match["sixth"]} | ({match["sixth_or"]} if match["sixth_or"] else set())
                self.seventh_character_limits[match["category"]] = (characters, sixth)

    def _text(self, element: ET.Element, child: str, location: str) -> str:
        node = element.find(child)
        if node is None or not (node.text or "").strip():
            raise ImportFileError(self.path, location, child, f"<{child}> is missing or empty")
        return " ".join(node.text.split())


def _block_code(section_id: str) -> str:
    """Blocks are ranges (A00-A09). A one-category block (B10) would clash
    with its category, so it is kept as B10-B10."""
    section_id = section_id.strip().upper()
    if section_id and "-" not in section_id:
        return f"{section_id}-{section_id}"
    return section_id


def _diag_kind(normalized: str, billable: bool) -> str:
    if billable:
        return "code"
    return "category" if len(normalized) == 3 else "subcategory"


def _notes_of(element: ET.Element) -> list[ParsedNote]:
    notes = []
    for child in element:
        kind = NOTE_ELEMENTS.get(child.tag)
        if kind:
            notes.extend(ParsedNote(kind=kind, text=_clean(note.text)) for note in child.findall("note") if _clean(note.text))
        elif child.tag == "sevenChrDef":
            notes.extend(
                ParsedNote(kind="seventh_character", text=meaning, character=character)
                for character, meaning in _seventh_characters(element)
            )
    return notes


def _seventh_characters(element: ET.Element) -> list[tuple[str, str]]:
    definition = element.find("sevenChrDef")
    if definition is None:
        return []
    return [(ext.get("char", "").strip().upper(), _clean(ext.text)) for ext in definition.findall("extension")]


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())
