import datetime
import itertools
import shutil
from pathlib import Path

import pytest

from tests.codesets.fixture_files import staged
from codingdesk.codesets.importers import icd10pcs
from codingdesk.codesets.importers.base import ImportFileError, ParsedRelease
from codingdesk.codesets.models import AxisDefinition, Code
from codingdesk.codesets.services import code_release_import

_STAGED = staged(
    {
        "icd10pcs/tables_sample.xml": "icd10pcs_tables_2026.xml",
        "icd10pcs/definitions_sample.xml": "icd10pcs_definitions_2026.xml",
    }
)
TABLES = _STAGED["icd10pcs_tables_2026.xml"]
DEFINITIONS = _STAGED["icd10pcs_definitions_2026.xml"]
# The second table's only row, as the fixture spells it.
RESECTION_QUALIFIER = """      <axis pos="7" values="1">
        <title>Qualifier</title>
        <label code="Z">No Qualifier</label>
      </axis>
"""
PANCREAS = '<label code="G">Pancreas</label>'


def parse_release(*paths: Path) -> ParsedRelease:
    (release,) = icd10pcs.parse(list(paths or (TABLES, DEFINITIONS)))
    return release


def codes_by_code(release: ParsedRelease) -> dict:
    return {code.code: code for code in release.codes}


def changed_copy(tmp_path: Path, source: Path, old: str, new: str, name: str | None = None) -> Path:
    text = source.read_text()
    assert old in text, "the fixture no longer holds the text this test changes"
    path = tmp_path / (name or source.name)
    path.write_text(text.replace(old, new, 1))
    return path


def parse_error(*paths: Path) -> ImportFileError:
    with pytest.raises(ImportFileError) as error:
        icd10pcs.parse(list(paths))
    return error.value


def test_it_expands_each_row_into_its_codes():
    codes = codes_by_code(parse_release())
    bypass_row = {
        "0016" + approach + device + qualifier
        for approach, device, qualifier in itertools.product("03", "7J", "0B")
    }
    expected = bypass_row | {"00160ZB", "00163ZB"} | {"0FT40ZZ", "0FT44ZZ", "0FTG0ZZ", "0FTG4ZZ"} | {"BF100ZZ", "BF10YZZ"}
    billable = {code for code, parsed in codes.items() if parsed.billable}
    assert billable == expected
    assert {codes[code].kind for code in billable} == {"code"}


def test_it_dates_the_release_by_the_federal_fiscal_year_whatever_the_file_order():
    release = parse_release(DEFINITIONS, TABLES)
    assert release.system == "icd10pcs"
    assert release.version == "FY2026"
    assert release.effective_from == datetime.date(2025, 10, 1)
    assert release.effective_to == datetime.date(2026, 9, 30)
    assert release.source_files == [TABLES, DEFINITIONS]


def test_it_puts_each_header_once_before_its_children_in_document_order():
    release = parse_release()
    order = [code.code for code in release.codes]
    assert order[:3] == ["0", "00", "001"]
    assert order[13:16] == ["0F", "0FT", "0FT40ZZ"]
    assert order[19:22] == ["B", "BF", "BF1"]
    assert len(order) == len(set(order)) == 16 + 8


def test_headers_name_the_section_body_system_and_table_and_chain_their_parents():
    codes = codes_by_code(parse_release())
    section, body_system, table = codes["0"], codes["0F"], codes["0FT"]
    assert (section.kind, section.long_title, section.parent, section.depth) == ("chapter", "Medical and Surgical", "", 0)
    assert (body_system.kind, body_system.long_title, body_system.parent, body_system.depth) == (
        "block", "Hepatobiliary System and Pancreas", "0", 1
    )
    assert (table.kind, table.long_title, table.parent, table.depth) == (
        "category", "Hepatobiliary System and Pancreas, Resection", "0F", 2
    )
    assert not any((section.billable, body_system.billable, table.billable))
    assert (codes["0FT44ZZ"].parent, codes["0FT44ZZ"].depth) == ("0FT", 3)
    assert codes["BF1"].long_title == "Hepatobiliary System and Pancreas, Fluoroscopy"


def test_titles_read_like_cms_long_titles_without_no_device_or_no_qualifier():
    codes = codes_by_code(parse_release())
    assert codes["0FT44ZZ"].long_title == "Resection of Gallbladder, Percutaneous Endoscopic Approach"
    assert codes["0FTG0ZZ"].long_title == "Resection of Pancreas, Open Approach"
    assert codes["BF100ZZ"].long_title == "Fluoroscopy of Bile Ducts using High Osmolar Contrast"
    assert codes["BF10YZZ"].long_title == "Fluoroscopy of Bile Ducts using Other Contrast"


def test_bypass_titles_route_the_body_part_to_the_qualifier():
    codes = codes_by_code(parse_release())
    assert codes["0016070"].long_title == (
        "Bypass Cerebral Ventricle to Nasopharynx with Autologous Tissue Substitute, Open Approach"
    )
    assert codes["00163ZB"].long_title == "Bypass Cerebral Ventricle to Cerebral Cisterns, Percutaneous Approach"


@pytest.mark.parametrize(
    "operation, axes, title",
    [
        pytest.param(
            "Fusion",
            [("Body Part", "Lumbar Vertebral Joint"), ("Approach", "Open"), ("Device", "Interbody Fusion Device"),
             ("Qualifier", "Anterior Approach, Anterior Column")],
            "Fusion of Lumbar Vertebral Joint with Interbody Fusion Device, Anterior Approach, Anterior Column, Open Approach",
            id="qualifier before the approach",
        ),
        pytest.param(
            "Excision",
            [("Body Part", "Common Bile Duct"), ("Approach", "Via Natural or Artificial Opening Endoscopic"),
             ("Device", "No Device"), ("Qualifier", "Diagnostic")],
            "Excision of Common Bile Duct, Via Natural or Artificial Opening Endoscopic, Diagnostic",
            id="diagnostic after the approach, no 'Approach' after a Via approach",
        ),
        pytest.param(
            "Resection",
            [("Body Part", "Ovaries, Bilateral"), ("Approach", "Open"), ("Device", "No Device"), ("Qualifier", "No Qualifier")],
            "Resection of Bilateral Ovaries, Open Approach",
            id="side first",
        ),
        pytest.param(
            "Removal",
            [("Body Part", "Eye, Right"), ("Approach", "Open"), ("Device", "Drainage Device"), ("Qualifier", "No Qualifier")],
            "Removal of Drainage Device from Right Eye, Open Approach",
            id="device named before the body part",
        ),
        pytest.param(
            "Release",
            [("Body Part", "Ileum"), ("Approach", "Via Natural or Artificial Opening"), ("Device", "No Device"),
             ("Qualifier", "No Qualifier")],
            "Release Ileum, Via Natural or Artificial Opening",
            id="operation without 'of'",
        ),
        pytest.param(
            "Performance",
            [("Body System", "Urinary"), ("Duration", "Intermittent"), ("Function", "Filtration"), ("Qualifier", "No Qualifier")],
            "Performance of Urinary Filtration, Intermittent",
            id="function read with the body system",
        ),
        pytest.param(
            "Psychological Tests",
            [("Qualifier", "Developmental"), ("Qualifier", "None"), ("Qualifier", "None"), ("Qualifier", "None")],
            "Psychological Tests, Developmental",
            id="no body part",
        ),
    ],
)
def test_long_titles_follow_the_cms_wording(operation, axes, title):
    assert icd10pcs.long_title(operation, axes) == title


def test_short_titles_fit_in_60_characters():
    codes = codes_by_code(parse_release())
    assert all(len(code.short_title) <= 60 for code in codes.values())
    assert codes["0FT44ZZ"].short_title == codes["0FT44ZZ"].long_title
    assert codes["0016070"].short_title == "Bypass Cerebral Ventricle to Nasopharynx w Autol Sub, Open"


def test_each_code_keeps_its_seven_axes():
    codes = codes_by_code(parse_release())
    assert codes["0FT44ZZ"].details == {
        "axes": [
            [1, "Section", "0", "Medical and Surgical"],
            [2, "Body System", "F", "Hepatobiliary System and Pancreas"],
            [3, "Operation", "T", "Resection"],
            [4, "Body Part", "4", "Gallbladder"],
            [5, "Approach", "4", "Percutaneous Endoscopic"],
            [6, "Device", "Z", "No Device"],
            [7, "Qualifier", "Z", "No Qualifier"],
        ]
    }
    assert codes["0FT"].details == {"axes": codes["0FT44ZZ"].details["axes"][:3]}


def test_it_keeps_the_root_operation_definitions_the_tables_carry():
    release = parse_release(TABLES)
    assert [(d.section, d.position, d.axis_title, d.term) for d in release.axis_definitions] == [
        ("0", 3, "Operation", "Bypass"),
        ("0", 3, "Operation", "Resection"),
        ("B", 3, "Type", "Fluoroscopy"),
    ]
    assert release.axis_definitions[1].definition == "Cutting out or off, without replacement, all of a body part"


def test_it_keeps_each_definition_once_from_both_files():
    definitions = {(d.section, d.position, d.term): d for d in parse_release().axis_definitions}
    assert len(definitions) == len(parse_release().axis_definitions)
    bypass = definitions["0", 3, "Bypass"]
    assert bypass.definition == "Altering the route of passage of the contents of a tubular body part"
    assert bypass.explanation.startswith("Rerouting contents of a body part")
    assert bypass.includes == "Coronary artery bypass, colostomy formation"
    assert definitions["0", 5, "Open"].axis_title == "Approach"
    assert definitions["B", 3, "Fluoroscopy"].definition.startswith("Single plane or bi-plane")


def test_a_body_part_key_entry_defines_each_side_it_names():
    definitions = {(d.section, d.position, d.term): d for d in parse_release().axis_definitions}
    for term in ("Kidney, Left", "Kidney, Right", "Kidneys, Bilateral"):
        assert definitions["0", 4, term].includes == "Renal calyx\nRenal capsule"
    assert definitions["0", 4, "Cerebral Ventricle"].includes.splitlines()[0] == "Aqueduct of Sylvius"


def test_the_device_aggregation_table_adds_includes_to_the_general_device():
    definitions = {(d.section, d.position, d.term): d for d in parse_release().axis_definitions}
    assert definitions["0", 6, "Synthetic Substitute"].includes.splitlines() == [
        "Annuloplasty ring",
        "Synthetic Substitute, Ceramic, for Replacement in Lower Joints",
        "Epiretinal Visual Prosthesis, for all applicable operations in Eye",
    ]


def test_it_refuses_malformed_xml_naming_the_line(tmp_path):
    path = tmp_path / TABLES.name
    path.write_text(TABLES.read_text()[:2000])
    error = parse_error(path)
    assert error.file == TABLES.name
    assert error.location.startswith("line ")
    assert error.field_name == "XML"


def test_it_refuses_the_icd10cm_tabular(tmp_path):
    path = tmp_path / "icd10cm-tabular-April-1-2026.xml"
    path.write_text("<ICD10CM.tabular><version>2026</version></ICD10CM.tabular>")
    error = parse_error(path)
    assert (error.file, error.location, error.field_name) == (path.name, "/ICD10CM.tabular", "root element")
    assert "expected <ICD10PCS.tabular>" in error.problem


def test_it_refuses_definitions_without_tables():
    error = parse_error(DEFINITIONS)
    assert (error.file, error.field_name) == (DEFINITIONS.name, "root element")


def test_it_refuses_a_row_missing_an_axis(tmp_path):
    error = parse_error(changed_copy(tmp_path, TABLES, RESECTION_QUALIFIER, ""))
    assert (error.file, error.location, error.field_name) == (TABLES.name, "pcsTable[2]/pcsRow[1]/axis[pos=7]", "axis")


def test_it_refuses_a_label_without_a_code(tmp_path):
    error = parse_error(changed_copy(tmp_path, TABLES, PANCREAS, "<label>Pancreas</label>"))
    assert (error.location, error.field_name) == ("pcsTable[2]/pcsRow[1]/axis[pos=4]/label[2]", "code")
    assert error.problem == "missing"


@pytest.mark.parametrize("value", ["GG", "", "O"])
def test_it_refuses_a_code_value_that_is_not_one_pcs_character(tmp_path, value):
    error = parse_error(changed_copy(tmp_path, TABLES, PANCREAS, f'<label code="{value}">Pancreas</label>'))
    assert (error.location, error.field_name) == ("pcsTable[2]/pcsRow[1]/axis[pos=4]/label[2]", "code")
    assert repr(value) in error.problem


def test_it_refuses_a_label_without_text(tmp_path):
    error = parse_error(changed_copy(tmp_path, TABLES, PANCREAS, '<label code="G"> </label>'))
    assert (error.location, error.field_name) == ("pcsTable[2]/pcsRow[1]/axis[pos=4]/label[2]", "label")


def test_it_refuses_a_truncated_row_by_its_code_count(tmp_path):
    error = parse_error(changed_copy(tmp_path, TABLES, PANCREAS, ""))
    assert (error.location, error.field_name) == ("pcsTable[2]/pcsRow[1]", "codes")
    assert error.problem == "the row says 4 codes but its axes make 2"


def test_it_refuses_a_table_axis_with_more_than_one_value(tmp_path):
    resection = '<label code="T">Resection</label>'
    error = parse_error(changed_copy(tmp_path, TABLES, resection, resection + '<label code="B">Excision</label>'))
    assert (error.location, error.field_name) == ("pcsTable[2]/axis[pos=3]", "label")


def test_it_refuses_an_axis_without_a_title(tmp_path):
    error = parse_error(changed_copy(tmp_path, TABLES, "<title>Contrast</title>", ""))
    assert (error.location, error.field_name) == ("pcsTable[3]/pcsRow[1]/axis[pos=5]", "title")


def test_it_refuses_a_version_that_contradicts_the_file_name(tmp_path):
    error = parse_error(changed_copy(tmp_path, TABLES, "<version>2026</version>", "<version>2025</version>"))
    assert (error.location, error.field_name) == ("/ICD10PCS.tabular/version", "version")


def test_it_refuses_definitions_of_another_year(tmp_path):
    definitions = changed_copy(
        tmp_path, DEFINITIONS, "<version>2026</version>", "<version>2025</version>", name="icd10pcs_definitions_2025.xml"
    )
    error = parse_error(TABLES, definitions)
    assert (error.file, error.field_name) == ("icd10pcs_definitions_2025.xml", "version")


def test_it_refuses_a_definitions_entry_without_a_title(tmp_path):
    definitions = changed_copy(tmp_path, DEFINITIONS, "<title>Cerebral Ventricle</title>", "")
    error = parse_error(TABLES, definitions)
    assert (error.file, error.location, error.field_name) == (DEFINITIONS.name, "section[code=0]/axis[pos=4]/terms[1]", "title")


def test_it_finds_each_tables_file_with_the_definitions_of_its_year(tmp_path):
    assert icd10pcs.find_sources(tmp_path) == []
    (fy2026 := tmp_path / "icd10pcs" / "2026").mkdir(parents=True)
    (fy2025 := tmp_path / "icd10pcs" / "2025").mkdir(parents=True)
    for source in (TABLES, DEFINITIONS):
        shutil.copy(source, fy2026 / source.name)
    shutil.copy(TABLES, fy2025 / "icd10pcs_tables_2025.xml")
    shutil.copy(DEFINITIONS, fy2025 / "icd10pcs_definitions_2026.xml")  # another year's: not its pair
    assert icd10pcs.find_sources(tmp_path) == [
        [fy2025 / "icd10pcs_tables_2025.xml"],
        [fy2026 / TABLES.name, fy2026 / DEFINITIONS.name],
    ]


@pytest.mark.official_data
def test_the_fy2026_tables_expand_to_the_official_79115_codes(official_data_dir):
    tables, definitions = icd10pcs.find_sources(official_data_dir / "icd10pcs")[0]
    release = parse_release(tables, definitions)
    codes = codes_by_code(release)
    billable = [code for code in release.codes if code.billable]
    assert len(billable) == 79_115
    assert all(len(code.code) == 7 for code in billable)
    assert codes["0FT44ZZ"].long_title == "Resection of Gallbladder, Percutaneous Endoscopic Approach"
    assert codes["0FT"].long_title == "Hepatobiliary System and Pancreas, Resection"
    assert {(d.section, d.position, d.term) for d in release.axis_definitions} >= {("0", 3, "Resection"), ("X", 3, "Insertion")}


@pytest.mark.official_data
@pytest.mark.django_db
def test_importing_the_official_fy2026_release_counts_its_codes_and_skips_a_repeat(official_data_dir):
    paths = icd10pcs.find_sources(official_data_dir / "icd10pcs")[0]
    (outcome,) = code_release_import(system="icd10pcs", paths=paths)
    release = outcome.release
    assert outcome.created
    assert release.billable_count == 79_115
    assert release.code_count == Code.objects.filter(release=release).count() == 79_115 + 17 + 115 + 914
    assert AxisDefinition.objects.filter(release=release, section="0", position=3, term="Resection").exists()
    (repeat,) = code_release_import(system="icd10pcs", paths=paths)
    assert not repeat.created
    assert repeat.release == release
