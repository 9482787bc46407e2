"""ICD-10-PCS tables XML (CMS), e.g. ``icd10pcs_tables_2026.xml``, with the
definitions XML of the same year (``icd10pcs_definitions_2026.xml``) beside it.

Run by ``codingdesk import icd10pcs <file>`` and by ``import --all``. The tables
file does not list codes: each pcsTable fixes positions 1-3 and each of its
pcsRows lists the values allowed in positions 4-7, so every combination is a
valid code (79,115 in FY2026). Produces sections, body systems and tables as
headers above the codes, CMS-style titles, each code's axes, and the
definitions of axis values from both files.
"""

from __future__ import annotations

import datetime
import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from codingdesk.lib.files import data_files

from .base import ImportFileError, ParsedAxisDefinition, ParsedCode, ParsedRelease, read_xml_root

SYSTEM = "icd10pcs"
SYSTEMS = [SYSTEM]
TABLES_ROOT = "ICD10PCS.tabular"
DEFINITIONS_ROOT = "ICD10PCS.definitions"
TABLES_FILE = re.compile(r"icd10pcs_tables_\d{4}\.xml$", re.I)
TABLE_POSITIONS = (1, 2, 3)
ROW_POSITIONS = (4, 5, 6, 7)
# PCS leaves out the letters I and O, which read like 1 and 0.
PCS_CHARACTER = re.compile(r"[0-9A-HJ-NP-Z]")
HEADER_KINDS = ("chapter", "block", "category")

# Labels that fill a position without saying anything: titles leave them out.
NO_VALUE = {"No Device", "No Qualifier", "None"}
# Root operations CMS words other than "<Operation> of <Body Part>".
PHRASES = {
    "Bypass": "Bypass {part} to {qualifier}", "Change": "Change {device} in {part}",
    "Control": "Control Bleeding in {part}", "Detachment": "Detachment at {part}",
    "Extirpation": "Extirpation of Matter from {part}", "Fragmentation": "Fragmentation in {part}",
    "Insertion": "Insertion of {device} into {part}", "Introduction": "Introduction of {device} into {part}",
    "Removal": "Removal of {device} from {part}", "Revision": "Revision of {device} in {part}",
    "Transfusion": "Transfusion of {device} into {part}", "Map": "Map {part}", "Release": "Release {part}",
    "Repair": "Repair {part}", "Reposition": "Reposition {part}", "Supplement": "Supplement {part}",
    "Transfer": "Transfer {part}",
}
DEFAULT_PHRASE = "{operation} of {part}"
# Axis titles differ by section; these say how a value joins the title.
WITH_AXES = {"Device"}
USING_AXES = {
    "Device / Substance / Technology", "Substance", "Contrast", "Radionuclide", "Modality Qualifier", "Method",
    "Equipment",
}
FUNCTION_AXES = {"Function", "Function / Device"}  # read with the body system: "Urinary Filtration"
# CMS puts these qualifiers after the approach: "..., Percutaneous Approach, Diagnostic".
TRAILING_QUALIFIER = re.compile(r"Diagnostic|New Technology Group \d+")
# The tables put the side last ("Hip Joint, Right"); CMS titles put it first.
SIDE_LAST = re.compile(r"(?P<part>.+), (?P<side>Right|Left|Bilateral)")
SHORT_TITLE_LENGTH = 60
ABBREVIATIONS = [
    ("Percutaneous Endoscopic", "Perc Endo"), ("Percutaneous", "Perc"), ("Endoscopic", "Endo"),
    ("Via Natural or Artificial Opening", "Via Opening"), ("Subcutaneous Tissue", "Subcu"), ("Nonautologous", "Nonaut"),
    ("Autologous", "Autol"), ("Tissue Substitute", "Sub"), ("Substitute", "Sub"), (" with ", " w "),
    ("Right ", "R "), ("Left ", "L "), (" Approach", ""),
]


def find_sources(data_dir: Path) -> list[list[Path]]:
    """Each tables file, with the definitions file of the same year when it is beside it."""
    groups = []
    for tables in sorted(path for path in data_files(data_dir, "*.xml") if TABLES_FILE.search(path.name)):
        definitions = tables.with_name(re.sub("tables", "definitions", tables.name, flags=re.I))
        groups.append([tables, definitions] if definitions.is_file() else [tables])
    return groups


def parse(paths: list[Path]) -> list[ParsedRelease]:
    files = _files_by_root([Path(path) for path in paths])
    tables_path, tables_root = files[TABLES_ROOT]
    year = _fiscal_year(tables_path, tables_root)
    codes, definitions = _TableExpander(tables_path).read(tables_root)
    if DEFINITIONS_ROOT in files:
        definitions_path, definitions_root = files[DEFINITIONS_ROOT]
        if (definitions_year := _fiscal_year(definitions_path, definitions_root)) != year:
            problem = f"FY{definitions_year} definitions for FY{year} tables"
            raise ImportFileError(definitions_path, f"/{DEFINITIONS_ROOT}/version", "version", problem)
        # The definitions file first: its entries are fuller than the tables' root operation definitions.
        definitions = _definitions_file(definitions_path, definitions_root) + definitions
    return [
        ParsedRelease(
            system=SYSTEM,
            version=f"FY{year}",
            # PCS follows the federal fiscal year: FY2026 runs from October 1, 2025 to September 30, 2026.
            effective_from=datetime.date(year - 1, 10, 1),
            effective_to=datetime.date(year, 9, 30),
            source_files=[path for path, _root in files.values()],
            codes=codes,
            axis_definitions=_merged(definitions),
        )
    ]


def _files_by_root(paths: list[Path]) -> dict[str, tuple[Path, ET.Element]]:
    """The tables file first, then the definitions file if given, told apart by root element."""
    files: dict[str, tuple[Path, ET.Element]] = {}
    for path in paths:
        root = read_xml_root(path)
        if root.tag not in (TABLES_ROOT, DEFINITIONS_ROOT):
            problem = f"expected <{TABLES_ROOT}> or <{DEFINITIONS_ROOT}>; is this an ICD-10-PCS file?"
            raise ImportFileError(path, f"/{root.tag}", "root element", problem)
        if root.tag in files:
            problem = f"a second <{root.tag}> file; give one tables file and at most one definitions file"
            raise ImportFileError(path, f"/{root.tag}", "root element", problem)
        files[root.tag] = (path, root)
    if TABLES_ROOT not in files:
        raise ImportFileError(paths[0] if paths else "", "file list", "root element", f"no <{TABLES_ROOT}> file given")
    return dict(sorted(files.items(), key=lambda item: item[0] != TABLES_ROOT))


def _fiscal_year(path: Path, root: ET.Element) -> int:
    """From <version>, else the file name; the two must agree when both are there."""
    version = _clean(root.findtext("version"))
    named = re.search(r"_(\d{4})\.xml$", path.name)
    where = f"/{root.tag}/version"
    if version and not re.fullmatch(r"\d{4}", version):
        raise ImportFileError(path, where, "version", f"{version!r} is not a fiscal year")
    if version and named and version != named[1]:
        raise ImportFileError(path, where, "version", f"says {version} but the file name says {named[1]}")
    if not (version or named):
        raise ImportFileError(path, where, "version", "no <version> element and no year in the file name")
    return int(version or named[1])


class _TableExpander:
    """Turns each pcsTable into its headers and all its valid codes, in document order."""

    def __init__(self, path: Path):
        self.path = path
        self.codes: list[ParsedCode] = []
        self.definitions: list[ParsedAxisDefinition] = []
        self.headers_added: set[str] = set()

    def read(self, root: ET.Element) -> tuple[list[ParsedCode], list[ParsedAxisDefinition]]:
        for number, table in enumerate(root.findall("pcsTable"), start=1):
            self.read_table(table, f"pcsTable[{number}]")
        if not self.codes:
            raise ImportFileError(self.path, f"/{TABLES_ROOT}", "pcsTable", "the file holds no tables")
        return self.codes, self.definitions

    def read_table(self, table: ET.Element, where: str) -> None:
        table_axes = []
        for position, axis in _axes_by_position(self.path, table, where, TABLE_POSITIONS).items():
            values = _axis_values(self.path, axis, f"{where}/axis[pos={position}]")
            if len(values) != 1:
                problem = f"a table fixes position {position} to one value; found {len(values)}"
                raise ImportFileError(self.path, f"{where}/axis[pos={position}]", "label", problem)
            table_axes.append(values[0])
            if definition := _clean(axis.findtext("definition")):  # root operations carry theirs, in position 3
                _position, axis_title, _value, term = values[0]
                self.definitions.append(ParsedAxisDefinition(table_axes[0][2], position, axis_title, term, definition))
        self.add_headers(table_axes, where)
        for number, row in enumerate(table.findall("pcsRow"), start=1):
            self.expand_row(row, table_axes, f"{where}/pcsRow[{number}]")

    def add_headers(self, table_axes: list[list], where: str) -> None:
        """Section, body system and table, each once however many tables share it."""
        section, body_system, operation = (axis[3] for axis in table_axes)
        block = section if body_system in NO_VALUE else body_system  # Mental Health has body system "None"
        code = ""
        for depth, (kind, title) in enumerate(zip(HEADER_KINDS, (section, block, f"{block}, {operation}"))):
            parent, code = code, code + table_axes[depth][2]
            if code not in self.headers_added:
                self.headers_added.add(code)
                self.add(code, title, kind, parent, depth, table_axes[: depth + 1], where)

    def expand_row(self, row: ET.Element, table_axes: list[list], where: str) -> None:
        axes = _axes_by_position(self.path, row, where, ROW_POSITIONS)
        choices = [_axis_values(self.path, axis, f"{where}/axis[pos={position}]") for position, axis in axes.items()]
        table_code = "".join(axis[2] for axis in table_axes)
        operation = table_axes[2][3]
        combinations = list(itertools.product(*choices))
        # A row states how many codes it makes, which catches a truncated row.
        stated = (row.get("codes") or "").strip()
        if stated and stated != str(len(combinations)):
            problem = f"the row says {stated} codes but its axes make {len(combinations)}"
            raise ImportFileError(self.path, where, "codes", problem)
        for combination in combinations:
            code = table_code + "".join(axis[2] for axis in combination)
            title = long_title(operation, [(axis[1], axis[3]) for axis in combination])
            self.add(code, title, "code", table_code, 3, [*table_axes, *combination], where)

    def add(self, code: str, title: str, kind: str, parent: str, depth: int, axes: list[list], where: str) -> None:
        self.codes.append(
            ParsedCode(
                code=code, long_title=title, kind=kind, billable=kind == "code", parent=parent, depth=depth,
                short_title=short_title(title), details={"axes": axes}, location=where,
            )
        )


def _axes_by_position(path: Path, parent: ET.Element, where: str, positions: tuple[int, ...]) -> dict[int, ET.Element]:
    axes: dict[int, ET.Element] = {}
    for number, axis in enumerate(parent.findall("axis"), start=1):
        pos = axis.get("pos", "").strip()
        if not pos.isdigit() or int(pos) not in positions:
            problem = f"{pos!r} is not a position {positions[0]}-{positions[-1]}"
            raise ImportFileError(path, f"{where}/axis[{number}]", "pos", problem)
        if int(pos) in axes:
            raise ImportFileError(path, f"{where}/axis[pos={pos}]", "pos", "the position appears twice")
        axes[int(pos)] = axis
    for position in positions:
        if position not in axes:
            raise ImportFileError(path, f"{where}/axis[pos={position}]", "axis", "missing")
    return dict(sorted(axes.items()))


def _axis_values(path: Path, axis: ET.Element, where: str) -> list[list]:
    """[position, axis title, value, label] for each label: the compact form kept in Code.details."""
    position, title = int(axis.get("pos")), _clean(axis.findtext("title"))
    if not title:
        raise ImportFileError(path, where, "title", "missing or empty")
    values = []
    for number, label in enumerate(axis.findall("label"), start=1):
        value, text = label.get("code"), _clean(label.text)
        if value is None:
            raise ImportFileError(path, f"{where}/label[{number}]", "code", "missing")
        if not PCS_CHARACTER.fullmatch(value):
            problem = f"{value!r} is not one ICD-10-PCS character (0-9, or A-Z without I and O)"
            raise ImportFileError(path, f"{where}/label[{number}]", "code", problem)
        if not text:
            raise ImportFileError(path, f"{where}/label[{number}]", "label", f"value {value} has no text")
        values.append([position, title, value, text])
    if not values:
        raise ImportFileError(path, where, "label", "the axis has no values")
    return values


def long_title(operation: str, axes: list[tuple[str, str]]) -> str:
    """A code's title as CMS words its long titles, from the root operation and the
    (axis title, label) of positions 4-7: "Resection of Gallbladder, Percutaneous Endoscopic Approach"."""
    values = {
        position: (axis_title, SIDE_LAST.sub(r"\g<side> \g<part>", label))
        for position, (axis_title, label) in enumerate(axes, start=4)
        if label not in NO_VALUE
    }
    # Mental Health and Substance Abuse have a qualifier, not a body part, in position 4.
    part = values.pop(4)[1] if values.get(4, ("Qualifier",))[0] != "Qualifier" else ""
    device, qualifier = (values.get(position, ("", ""))[1] for position in (6, 7))
    named = {"operation": operation, "part": part, "device": device, "qualifier": qualifier}
    phrase = PHRASES.get(operation, DEFAULT_PHRASE)
    if not all(named[name] for name in re.findall(r"{(\w+)}", phrase)):
        phrase = DEFAULT_PHRASE if part else "{operation}"
    for position, name in ((6, "device"), (7, "qualifier")):
        if f"{{{name}}}" in phrase:
            del values[position]
    middle, approach, trailing = [], [], []
    for axis_title, label in sorted(values.values(), key=lambda value: value[0] not in FUNCTION_AXES):
        if axis_title in FUNCTION_AXES:
            middle.append(f" {label}")
        elif axis_title == "Approach":
            approach.append(f", {_with_noun(label, 'Approach')}")
        elif TRAILING_QUALIFIER.fullmatch(label):
            trailing.append(f", {label}")
        elif axis_title in WITH_AXES:
            middle.append(f" with {label}")
        elif axis_title in USING_AXES:
            middle.append(f" using {_with_noun(label, 'Contrast') if axis_title == 'Contrast' else label}")
        else:
            middle.append(f", {label}")
    return phrase.format(**named) + "".join(middle + approach + trailing)


def _with_noun(label: str, noun: str) -> str:
    """"Open" -> "Open Approach"; CMS writes the "Via ..." approaches without the noun."""
    return label if label.endswith(noun) or label.startswith("Via ") else f"{label} {noun}"


def short_title(title: str) -> str:
    """At most 60 characters: the title itself, else abbreviated the CMS way, else cut at a word."""
    if len(title) <= SHORT_TITLE_LENGTH:
        return title
    for long, short in ABBREVIATIONS:
        title = title.replace(long, short)
    if len(title) <= SHORT_TITLE_LENGTH:
        return title
    return title[: SHORT_TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",") + "…"


def _definitions_file(path: Path, root: ET.Element) -> list[ParsedAxisDefinition]:
    """One definition per <terms> title: a body part key entry names both sides
    ("1st Toe, Left" and "1st Toe, Right"). Its <includes> go one per line."""
    found = []
    for section_number, section in enumerate(root.findall("section"), start=1):
        code = section.get("code", "")
        if not PCS_CHARACTER.fullmatch(code):
            problem = f"{code!r} is not one ICD-10-PCS character"
            raise ImportFileError(path, f"section[{section_number}]", "code", problem)
        for axis in section.findall("axis"):
            pos, axis_title = axis.get("pos", ""), _clean(axis.findtext("title"))
            where = f"section[code={code}]/axis[pos={pos}]"
            if pos not in {"1", "2", "3", "4", "5", "6", "7"}:
                raise ImportFileError(path, where, "pos", f"{pos!r} is not a position 1-7")
            for number, terms in enumerate(axis.findall("terms"), start=1):
                names = [_clean(title.text) for title in terms.findall("title")]
                if not names or not all(names):
                    raise ImportFileError(path, f"{where}/terms[{number}]", "title", "missing or empty")
                texts = (_clean(terms.findtext("definition")), _clean(terms.findtext("explanation")))
                includes = "\n".join(_clean(item.text) for item in terms.findall("includes"))
                found.extend(ParsedAxisDefinition(code, int(pos), axis_title, name, *texts, includes) for name in names)
    return found + _device_aggregation(path, root)


def _device_aggregation(path: Path, root: ET.Element) -> list[ParsedAxisDefinition]:
    """The device aggregation table says which specific devices (in which Medical
    and Surgical body systems) a general device value stands for, so each entry
    becomes an "includes" line of that general value."""
    found = []
    for number, aggregate in enumerate(root.iterfind("deviceAggregation/aggregate"), start=1):
        device, parent = _clean(aggregate.findtext("device")), _clean(aggregate.findtext("parent"))
        if not (device and parent):
            missing = "device" if not device else "parent"
            raise ImportFileError(path, f"deviceAggregation/aggregate[{number}]", missing, "missing or empty")
        operation = _clean(aggregate.findtext("operation"))
        operations = "all applicable operations" if operation.lower() in ("", "all applicable") else operation
        body_systems = ", ".join(_clean(body_system.text) for body_system in aggregate.findall("bodySys"))
        includes = f"{device}, for {operations} in {body_systems}"
        found.append(ParsedAxisDefinition("0", 6, "Device", parent, includes=includes))
    return found


def _merged(definitions: list[ParsedAxisDefinition]) -> list[ParsedAxisDefinition]:
    """One definition per (section, position, term): the first found, completed by the later ones."""
    merged: dict[tuple[str, int, str], ParsedAxisDefinition] = {}
    for definition in definitions:
        kept = merged.setdefault((definition.section, definition.position, definition.term), definition)
        if kept is not definition:
            kept.definition = kept.definition or definition.definition
            kept.explanation = kept.explanation or definition.explanation
            lines = [*kept.includes.split("\n"), *definition.includes.split("\n")]
            kept.includes = "\n".join(dict.fromkeys(line for line in lines if line))
    return list(merged.values())


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())
