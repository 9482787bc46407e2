import datetime
from pathlib import Path

import pytest

from codingdesk.edits.importers import mue
from codingdesk.edits.importers.base import ImportFileError

from .ncci_files import MUE_NOTICE, mue_header, mue_line, write_mue

LINES = [
    mue_line("11042", 1, "1", "Anatomic Consideration"),
    mue_line("20610", 2, "2", "Code Descriptor / CPT Instruction"),
    mue_line("97110", 6, "3", "Clinical: Data"),
    mue_line("J1100", 120, "3", "Clinical: Data"),
]


def refusal(path: Path) -> ImportFileError:
    with pytest.raises(ImportFileError) as error:
        mue.parse([path])
    assert error.value.file == path.name
    return error.value


def test_it_reads_code_value_indicator_and_rationale(tmp_path):
    parsed = mue.parse([write_mue(tmp_path, LINES)])
    assert parsed.rows == [
        ("11042", 1, "1", "Anatomic Consideration"),
        ("20610", 2, "2", "Code Descriptor / CPT Instruction"),
        ("97110", 6, "3", "Clinical: Data"),
        ("J1100", 120, "3", "Clinical: Data"),
    ]


@pytest.mark.parametrize(
    "name, dataset, effective_from",
    [
        ("MCR_MUE_PractitionerServices_Eff_07-01-2026.csv", "mue_practitioner", datetime.date(2026, 7, 1)),
        ("MCR_MUE_OutpatientHospitalServices_Eff_04-01-2026.csv", "mue_hospital", datetime.date(2026, 4, 1)),
        ("MCR_MUE_DMESupplierServices_Eff_01-01-2026_v2.csv", "mue_dme", datetime.date(2026, 1, 1)),
    ],
)
def test_it_takes_the_setting_and_the_date_from_the_file_name(tmp_path, name, dataset, effective_from):
    parsed = mue.parse([write_mue(tmp_path, LINES, name=name)])
    assert (parsed.dataset, parsed.version, parsed.effective_from) == (dataset, effective_from.isoformat(), effective_from)


def test_it_reads_a_file_without_the_notice_and_with_crlf_line_ends(tmp_path):
    path = tmp_path / "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv"
    path.write_bytes("\r\n".join([mue_header(), *LINES, ""]).encode())
    assert len(mue.parse([path]).rows) == 4


def test_it_reads_a_notice_in_windows_1252(tmp_path):
    path = write_mue(tmp_path, LINES)
    path.write_bytes(path.read_bytes().replace(b"(CPT)", b"(CPT\xae)"))
    assert len(mue.parse([path]).rows) == 4


def test_it_skips_empty_records(tmp_path):
    assert len(mue.parse([write_mue(tmp_path, [LINES[0], ",,,", LINES[1]])]).rows) == 2


@pytest.mark.parametrize(
    "setting, header_setting",
    [("PractitionerServices", "OutpatientHospitalServices"), ("DMESupplierServices", "PractitionerServices")],
)
def test_it_refuses_a_value_column_of_another_setting(tmp_path, setting, header_setting):
    path = write_mue(tmp_path, LINES, name=f"MCR_MUE_{setting}_Eff_07-01-2026.csv", header=mue_header(header_setting))
    error = refusal(path)
    assert (error.location, error.field_name) == ("line 4", mue.VALUE_COLUMNS[mue.dataset_of([path])])


def test_it_refuses_a_changed_header(tmp_path):
    header = mue_header().replace("MUE Rationale", "Rationale")
    error = refusal(write_mue(tmp_path, LINES, header=header))
    assert (error.location, error.field_name) == ("line 4", "MUE Rationale")


def test_it_refuses_a_header_with_a_column_added(tmp_path):
    error = refusal(write_mue(tmp_path, LINES, header=mue_header() + ",Comment"))
    assert (error.location, error.field_name) == ("line 4", "column 5")


def test_it_refuses_a_file_cut_off_in_the_middle_of_a_row(tmp_path):
    error = refusal(write_mue(tmp_path, [*LINES, "97112,4,3 Date of Serv"], final_newline=False))
    assert (error.location, error.field_name) == ("line 10", "row")
    assert "ends in the middle of this row" in str(error)


def test_it_refuses_a_file_cut_off_inside_the_last_rationale(tmp_path):
    error = refusal(write_mue(tmp_path, [*LINES, mue_line("97112", 4, "3", "Clin")], final_newline=False))
    assert (error.location, error.field_name) == ("line 10", "row")


def test_it_refuses_a_file_cut_off_inside_a_quoted_cell(tmp_path):
    error = refusal(write_mue(tmp_path, [*LINES, '97112,4,3 Date of Service Edit: Clinical,"Clin'], final_newline=False))
    assert (error.location, error.field_name) == ("line 10", "CSV")


def test_it_refuses_a_row_with_too_few_columns(tmp_path):
    error = refusal(write_mue(tmp_path, [LINES[0], "20610,2"]))
    assert (error.location, error.field_name) == ("line 7", "MUE Adjudication Indicator")


@pytest.mark.parametrize(
    "line, field",
    [
        (",1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction", "HCPCS/CPT Code"),
        ("2061,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction", "HCPCS/CPT Code"),
        ("20610,two,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction", "Practitioner Services MUE Values"),
        ("20610,-1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction", "Practitioner Services MUE Values"),
        ("20610,1,4 Date of Service Edit: Policy,Code Descriptor / CPT Instruction", "MUE Adjudication Indicator"),
        ("20610,1,Date of Service Edit: Policy,Code Descriptor / CPT Instruction", "MUE Adjudication Indicator"),
        ("20610,1,3 Date of Service Edit: Policy,Code Descriptor / CPT Instruction", "MUE Adjudication Indicator"),
    ],
)
def test_it_refuses_a_bad_value(tmp_path, line, field):
    error = refusal(write_mue(tmp_path, [LINES[0], line]))
    assert (error.location, error.field_name) == ("line 7", field)


def test_it_refuses_a_code_listed_twice(tmp_path):
    error = refusal(write_mue(tmp_path, [*LINES, mue_line("20610", 3)]))
    assert (error.location, error.field_name) == ("line 10", "HCPCS/CPT Code")
    assert "first on line 7" in str(error)


def test_it_refuses_a_file_with_no_rows(tmp_path):
    assert refusal(write_mue(tmp_path, [])).location == "whole file"


@pytest.mark.parametrize(
    "name", ["MUE_practitioner.csv", "MCR_MUE_PractitionerServices_Eff_13-45-2026.csv", "MCR_MUE_Labs_Eff_07-01-2026.csv"]
)
def test_it_refuses_a_file_name_without_setting_and_date(tmp_path, name):
    path = tmp_path / name
    path.write_text("\n".join([MUE_NOTICE, mue_header(), *LINES]))
    assert refusal(path).location == "file name"


def test_it_finds_each_file_oldest_first_and_passes_over_excerpts(tmp_path):
    for name in [
        "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv",
        "MCR_MUE_PractitionerServices_Eff_01-01-2026.csv",
        "MCR_MUE_PractitionerServices_Eff_04-01-2025.csv",
        "MCR_MUE_DMESupplierServices_Eff_07-01-2026.csv",
        "MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv",
    ]:
        write_mue(tmp_path / "mue", LINES, name=name)
    found = [paths for paths in mue.find_sources(tmp_path)]
    assert [[path.name for path in paths] for paths in found] == [
        ["MCR_MUE_DMESupplierServices_Eff_07-01-2026.csv"],
        ["MCR_MUE_PractitionerServices_Eff_04-01-2025.csv"],
        ["MCR_MUE_PractitionerServices_Eff_01-01-2026.csv"],
        ["MCR_MUE_PractitionerServices_Eff_07-01-2026.csv"],
    ]
    assert [mue.dataset_of(paths) for paths in found] == ["mue_dme", *["mue_practitioner"] * 3]
