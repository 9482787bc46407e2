import datetime
from pathlib import Path

import pytest

from codingdesk.edits.importers import ptp
from codingdesk.edits.importers.base import ImportFileError

from .ncci_files import MISUSE, PTP_HEADER_LINES, STANDARDS, ptp_line, write_ptp

LINES = [
    ptp_line("11042", "97597", effective="20090101", indicator="1"),
    ptp_line("11042", "97602", effective="19960101", indicator="0", rationale=STANDARDS, prior="*"),
    ptp_line("20610", "76942", effective="20150101", deletion="20240101", indicator="1"),
    ptp_line("29881", "29880", effective="20220101", deletion="20220101", indicator="9"),
]


def rows_of(paths: list[Path]) -> list[tuple]:
    return list(ptp.parse(paths).rows)


def refusal(paths: list[Path]) -> ImportFileError:
    with pytest.raises(ImportFileError) as error:
        rows_of(paths)
    return error.value


def test_it_reads_every_column_of_an_edit(tmp_path):
    rows = rows_of([write_ptp(tmp_path, LINES)])
    assert rows == [
        ("11042", "97597", False, datetime.date(2009, 1, 1), None, "1", MISUSE),
        ("11042", "97602", True, datetime.date(1996, 1, 1), None, "0", STANDARDS),
        ("20610", "76942", False, datetime.date(2015, 1, 1), datetime.date(2024, 1, 1), "1", MISUSE),
        ("29881", "29880", False, datetime.date(2022, 1, 1), datetime.date(2022, 1, 1), "9", MISUSE),
    ]


@pytest.mark.parametrize(
    "name, dataset, version, effective_from",
    [
        ("ccipra-v322r0-f1.txt", "ptp_practitioner", "32.2", datetime.date(2026, 7, 1)),
        ("ccioph-v320r0-f1.txt", "ptp_hospital", "32.0", datetime.date(2026, 1, 1)),
        ("ccipra-v313r1-f1.txt", "ptp_practitioner", "31.3", datetime.date(2025, 10, 1)),
        ("CCIPRA-V301R0-F1.TXT", "ptp_practitioner", "30.1", datetime.date(2024, 4, 1)),
    ],
)
def test_it_dates_the_release_from_its_ncci_version(tmp_path, name, dataset, version, effective_from):
    parsed = ptp.parse([write_ptp(tmp_path, LINES, name=name)])
    assert (parsed.dataset, parsed.version, parsed.effective_from) == (dataset, version, effective_from)


def test_the_parts_of_a_release_are_read_in_part_order(tmp_path):
    parts = [
        write_ptp(tmp_path, [ptp_line("99213", "36415")], name="ccipra-v322r0-f3.txt"),
        write_ptp(tmp_path, [ptp_line("11042", "97597")], name="ccipra-v322r0-f1.txt"),
        write_ptp(tmp_path, [ptp_line("29881", "29880")], name="ccipra-v322r0-f2.txt"),
    ]
    parsed = ptp.parse(parts)
    assert [path.name for path in parsed.source_files] == [f"ccipra-v322r0-f{part}.txt" for part in (1, 2, 3)]
    assert [row[0] for row in parsed.rows] == ["11042", "29881", "99213"]
    assert parsed.expected_rows == 3


def test_it_reads_unix_line_ends_and_a_last_line_without_a_break(tmp_path):
    path = write_ptp(tmp_path, LINES, newline="\n", final_newline=False)
    assert len(rows_of([path])) == 4


def test_it_skips_blank_lines(tmp_path):
    assert len(rows_of([write_ptp(tmp_path, [LINES[0], "", "\t\t\t\t\t\t", LINES[1]])])) == 2


def test_it_refuses_a_file_cut_off_in_the_middle_of_a_row(tmp_path):
    path = write_ptp(tmp_path, [*LINES, "99213\t36415\t\t2020"], final_newline=False)
    error = refusal([path])
    assert (error.file, error.location, error.field_name) == ("ccipra-v322r0-f1.txt", "line 11", "row")
    assert "ends in the middle of this row" in str(error)


def test_it_refuses_a_file_cut_off_inside_the_last_rationale(tmp_path):
    path = write_ptp(tmp_path, [*LINES, ptp_line("99213", "36415", rationale="Misuse of Column Tw")], final_newline=False)
    assert refusal([path]).location == "line 11"


def test_it_refuses_a_row_with_too_few_columns(tmp_path):
    error = refusal([write_ptp(tmp_path, [LINES[0], "11042\t97598\t\t20090101\t*\t1"])])
    assert (error.location, error.field_name) == ("line 8", "PTP Edit Rationale")
    assert "6 of the 7" in str(error)


def test_it_refuses_a_row_with_an_extra_column(tmp_path):
    error = refusal([write_ptp(tmp_path, [ptp_line("11042", "97597") + "\tsurprise"])])
    assert (error.location, error.field_name) == ("line 7", "column 8")


@pytest.mark.parametrize(
    "line, field",
    [
        (ptp_line("11042", "97597", effective="20261345"), "Effective Date"),
        (ptp_line("11042", "97597", effective="2026-07-01"), "Effective Date"),
        (ptp_line("11042", "97597", effective="*"), "Effective Date"),
        (ptp_line("11042", "97597", deletion="20260230"), "Deletion Date"),
        (ptp_line("11042", "97597", deletion=""), "Deletion Date"),
    ],
)
def test_it_refuses_a_bad_date(tmp_path, line, field):
    error = refusal([write_ptp(tmp_path, [LINES[0], line])])
    assert (error.location, error.field_name) == ("line 8", field)
    assert "YYYYMMDD" in str(error)


@pytest.mark.parametrize("indicator", ["2", "", "01", "x"])
def test_it_refuses_an_unknown_modifier_indicator(tmp_path, indicator):
    error = refusal([write_ptp(tmp_path, [ptp_line("11042", "97597", indicator=indicator)])])
    assert (error.location, error.field_name) == ("line 7", "Modifier")


@pytest.mark.parametrize("column1, column2, field", [("", "97597", "Column 1"), ("11042", " ", "Column 2")])
def test_it_refuses_an_empty_code(tmp_path, column1, column2, field):
    error = refusal([write_ptp(tmp_path, [ptp_line(column1, column2)])])
    assert (error.location, error.field_name) == ("line 7", field)
    assert "empty" in str(error)


def test_it_refuses_a_code_that_is_not_five_characters(tmp_path):
    error = refusal([write_ptp(tmp_path, [ptp_line("1104", "97597")])])
    assert error.field_name == "Column 1"


def test_it_refuses_an_unknown_pre_1996_flag(tmp_path):
    error = refusal([write_ptp(tmp_path, [ptp_line("11042", "97597", prior="Y")])])
    assert error.field_name == "*=in existence prior to 1996"


def test_it_refuses_a_changed_column_header(tmp_path):
    header = list(PTP_HEADER_LINES)
    header[2] = header[2].replace("Effective", "Effective Date")
    error = refusal([write_ptp(tmp_path, LINES, header=header)])
    assert (error.file, error.location, error.field_name) == ("ccipra-v322r0-f1.txt", "line 3", "Effective Date")


def test_it_refuses_an_added_column(tmp_path):
    header = [line + "\tNew" if number == 2 else line for number, line in enumerate(PTP_HEADER_LINES)]
    error = refusal([write_ptp(tmp_path, LINES, header=header)])
    assert (error.location, error.field_name) == ("line 3", "column 8")


def test_it_refuses_a_file_without_the_notice_line(tmp_path):
    error = refusal([write_ptp(tmp_path, LINES, header=PTP_HEADER_LINES[1:])])
    assert (error.location, error.field_name) == ("line 1", "notice")


def test_the_header_of_every_part_is_checked_before_any_row_is_read(tmp_path):
    good = write_ptp(tmp_path, LINES, name="ccipra-v322r0-f1.txt")
    bad = write_ptp(tmp_path, [], name="ccipra-v322r0-f2.txt", header=PTP_HEADER_LINES[:4])
    with pytest.raises(ImportFileError) as error:
        ptp.parse([good, bad])
    assert (error.value.file, error.value.location) == ("ccipra-v322r0-f2.txt", "line 5")
    assert "inside the six-line header" in str(error.value)


def test_it_refuses_a_release_with_a_missing_part(tmp_path):
    parts = [write_ptp(tmp_path, LINES, name=f"ccipra-v322r0-f{part}.txt") for part in (1, 3)]
    error = refusal(parts)
    assert (error.file, error.field_name) == ("ccipra-v322r0-f3.txt", "part")
    assert "f2" in str(error)


def test_it_refuses_parts_of_different_releases(tmp_path):
    parts = [
        write_ptp(tmp_path, LINES, name="ccipra-v322r0-f1.txt"),
        write_ptp(tmp_path, LINES, name="ccipra-v321r0-f2.txt"),
    ]
    assert refusal(parts).field_name == "release"


@pytest.mark.parametrize("name", ["ptp_edits.txt", "ccipra-v324r0-f1.txt", "ccipra-v322-f1.txt"])
def test_it_refuses_a_file_name_without_version_and_part(tmp_path, name):
    assert refusal([write_ptp(tmp_path, LINES, name=name)]).location == "file name"


def test_it_refuses_text_that_is_not_utf8_naming_the_line(tmp_path):
    path = write_ptp(tmp_path, LINES)
    path.write_bytes(path.read_bytes().replace(MISUSE.encode(), b"Misuse \xff", 1))
    assert refusal([path]).location == "line 7"


def test_it_finds_each_release_and_its_parts_and_passes_over_samples(tmp_path):
    for name in [
        "ccipra-v322r0-f2.txt", "ccipra-v322r0-f1.txt", "ccipra-v321r0-f1.txt",
        "ccioph-v322r0-f1.txt", "ccipra-v321r1-f1.txt", "ccipra-v322r0-f1.HEADER_AND_SAMPLE_ROWS.txt",
    ]:
        write_ptp(tmp_path / "ncci", LINES, name=name)
    found = [[path.name for path in paths] for paths in ptp.find_sources(tmp_path)]
    assert found == [
        ["ccioph-v322r0-f1.txt"],
        # r1 corrects r0 of the same quarter, so only r1 is imported.
        ["ccipra-v321r1-f1.txt"],
        ["ccipra-v322r0-f1.txt", "ccipra-v322r0-f2.txt"],
    ]
    assert [ptp.dataset_of(paths) for paths in ptp.find_sources(tmp_path)] == [
        "ptp_hospital", "ptp_practitioner", "ptp_practitioner",
    ]
