import datetime
from pathlib import Path

import pytest
import simple_icd_10_cm

from codingdesk.codesets.importers import icd10cm
from codingdesk.codesets.importers.base import ImportFileError

from .icd10cm_sample import TABULAR, write_tabular

def parse_codes(path: Path) -> dict:
    (release,) = icd10cm.parse([path])
    return {code.code: code for code in release.codes}


def test_it_dates_the_release_from_the_file_name(tmp_path):
    (release,) = icd10cm.parse([write_tabular(tmp_path)])
    assert release.system == "icd10cm"
    assert release.version == "2026-04"
    assert release.effective_from == datetime.date(2026, 4, 1)
    assert release.effective_to == datetime.date(2026, 9, 30)


def test_it_reads_chapters_blocks_and_nested_diags_in_order(tmp_path):
    codes = parse_codes(write_tabular(tmp_path))
    assert list(codes)[:4] == ["19", "S10-S19", "S13", "S13.4"]
    assert codes["19"].kind == "chapter"
    assert codes["S10-S19"].kind == "block" and codes["S10-S19"].parent == "19"
    assert codes["S13"].kind == "category" and codes["S13"].parent == "S10-S19"
    assert codes["E11.9"].parent == "E11" and codes["E11.9"].billable


def test_it_completes_codes_with_the_7th_character_and_placeholder_x(tmp_path):
    codes = parse_codes(write_tabular(tmp_path))
    assert not codes["S13.4"].billable
    assert codes["S13.4XXA"].billable
    assert codes["S13.4XXA"].long_title == "Sprain of ligaments of cervical spine, initial encounter"
    assert codes["S13.4XXA"].parent == "S134"
    assert {"S13.4XXA", "S13.4XXD", "S13.4XXS"} <= set(codes)


def test_it_applies_the_limits_on_7th_characters_stated_in_notes(tmp_path):
    codes = parse_codes(write_tabular(tmp_path))
    assert "S06.367A" in codes
    assert "S06.367D" not in codes and "S06.367S" not in codes
    assert {"S06.369A", "S06.369D", "S06.369S"} <= set(codes)


def test_it_keeps_a_one_category_block_apart_from_its_category(tmp_path):
    codes = parse_codes(write_tabular(tmp_path))
    assert codes["E15-E15"].kind == "block"
    assert codes["E15"].parent == "E15-E15" and codes["E15"].billable


def test_it_keeps_every_note_kind(tmp_path):
    codes = parse_codes(write_tabular(tmp_path))
    kinds = {note.kind: note.text for note in codes["E11"].notes}
    assert kinds["excludes1"] == "diabetes mellitus due to underlying condition (E08.-)"
    assert kinds["use_additional"] == "code to identify control using insulin (Z79.4)"
    assert [(note.character, note.text) for note in codes["S13"].notes if note.kind == "seventh_character"] == [
        ("A", "initial encounter"),
        ("D", "subsequent encounter"),
        ("S", "sequela"),
    ]
    assert codes["S13.4"].notes[0].kind == "inclusion_term"


def test_it_refuses_a_truncated_file_with_its_line(tmp_path):
    path = write_tabular(tmp_path, TABULAR[: len(TABULAR) // 2])
    with pytest.raises(ImportFileError) as error:
        icd10cm.parse([path])
    assert error.value.file == "icd10cm-tabular-April-1-2026.xml"
    assert "line" in error.value.location
    assert error.value.field_name == "XML"


def test_it_refuses_another_format(tmp_path):
    path = write_tabular(tmp_path, "<ICD10PCS.tabular><version>2026</version></ICD10PCS.tabular>")
    with pytest.raises(ImportFileError, match="expected <ICD10CM.tabular>"):
        icd10cm.parse([path])


def test_it_names_the_diag_with_a_missing_title(tmp_path):
    path = write_tabular(tmp_path, TABULAR.replace("<desc>Type 2 diabetes mellitus without complications</desc>", ""))
    with pytest.raises(ImportFileError) as error:
        icd10cm.parse([path])
    assert error.value.location == "diag E11.9"
    assert error.value.field_name == "desc"


def test_it_refuses_a_file_name_without_a_date(tmp_path):
    path = write_tabular(tmp_path, name="tabular.xml")
    with pytest.raises(ImportFileError, match="file name"):
        icd10cm.parse([path])


def test_it_finds_releases_in_the_data_dir_or_falls_back_to_the_package(tmp_path):
    assert icd10cm.find_sources(tmp_path) == [[icd10cm.packaged_source()]]
    (tmp_path / "icd10cm").mkdir()
    path = write_tabular(tmp_path / "icd10cm", name="icd10cm-tabular-October-1-2026.xml")
    assert icd10cm.find_sources(tmp_path) == [[path]]


def test_the_packaged_april_2026_release_has_exactly_the_official_valid_codes():
    """The billable codes are the leaves of the official code list that ships
    in the same package: nothing missing, nothing invented. The package's own
    leaf count (74,736) counts 12 empty block headings (M60-M79...) and 5
    codes listed twice (B20, F99, P84, R99, Z66); the valid codes are 74,719."""
    (release,) = icd10cm.parse([icd10cm.packaged_source()])
    billable = {code.code.replace(".", "") for code in release.codes if code.billable}
    official = {
        code
        for code in simple_icd_10_cm.get_all_codes(with_dots=False)
        if simple_icd_10_cm.is_leaf(code) and "-" not in code
    }
    assert len(billable) == 74_719
    assert billable == official
    titles = {code.code: code.long_title for code in release.codes}
    assert titles["S52.531A"] == "Colles' fracture of right radius, initial encounter for closed fracture"
    assert titles["W11.XXXA"] == "Fall on and from ladder, initial encounter"
    assert titles["E11.9"] == "Type 2 diabetes mellitus without complications"
