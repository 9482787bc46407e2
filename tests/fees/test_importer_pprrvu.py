import datetime
from decimal import Decimal

import pytest

from codingdesk.fees.importers import pprrvu
from codingdesk.fees.importers.base import ImportFileError

from .fee_files import (
    PPRRVU_FIRST_ROW_LINE,
    PPRRVU_HCPCS_LINE,
    pprrvu_text,
    read_rows,
    rows_text,
    set_cell,
    with_columns,
    write_pprrvu,
)

# Cell indexes in the fixture, in the official column order.
DESCRIPTION, WORK_RVU, NON_FAC_NA, MP_RVU, CONV_FACTOR = 2, 5, 7, 10, 24
WIDTH = 31


def parse(tmp_path, text: str | None = None, name: str = "PPRRVU26_JAN.csv"):
    return pprrvu.parse([write_pprrvu(tmp_path, text, name=name)])


def rows_by_key(release) -> dict:
    return {(row.code, row.modifier): row for row in release.rows}


def without_locations(release) -> list[dict]:
    """The rows as data, without where each was read (which moves when rows are added or taken out)."""
    return [{name: value for name, value in vars(row).items() if name != "location"} for row in release.rows]


def refusal(tmp_path, text: str, name: str = "PPRRVU26_JAN.csv") -> ImportFileError:
    path = write_pprrvu(tmp_path, text, name=name)
    with pytest.raises(ImportFileError) as error:
        pprrvu.parse([path])
    assert error.value.file == name
    assert name in str(error.value)
    return error.value


def test_it_reads_one_row_per_code_and_modifier(tmp_path):
    release = parse(tmp_path)
    assert release.dataset == "rvu"
    assert [(row.code, row.modifier) for row in release.rows] == [
        ("99213", ""), ("99223", ""), ("71046", ""), ("71046", "26"), ("71046", "TC"), ("27447", ""),
        ("45378", ""), ("45378", "53"), ("99080", ""), ("A0425", ""), ("0591T", ""), ("D0140", ""),
    ]
    assert release.rows[0].location == f"line {PPRRVU_FIRST_ROW_LINE}"


def test_it_dates_the_release_from_the_file_name(tmp_path):
    release = parse(tmp_path)
    assert (release.version, release.year) == ("2026-A", 2026)
    assert release.effective_from == datetime.date(2026, 1, 1)


@pytest.mark.parametrize(
    "name, month, version, effective_from",
    [
        ("PPRRVU26_APR.csv", "April", "2026-B", datetime.date(2026, 4, 1)),
        ("PPRRVU2026_Jul_nonQPP.csv", "July", "2026-C", datetime.date(2026, 7, 1)),
        ("pprrvu26_oct.csv", "October", "2026-D", datetime.date(2026, 10, 1)),
    ],
)
def test_each_quarterly_release_is_named_after_its_letter(tmp_path, name, month, version, effective_from):
    release = parse(tmp_path, pprrvu_text().replace("January Release", f"{month} Release"), name=name)
    assert (release.version, release.effective_from) == (version, effective_from)


def test_it_reads_the_conversion_factor_from_the_file(tmp_path):
    assert parse(tmp_path).conversion_factor == Decimal("33.4009")


def test_it_joins_the_header_split_over_five_rows_and_reads_every_column(tmp_path):
    rows = rows_by_key(parse(tmp_path))
    knee = rows[("27447", "")]
    assert (knee.work_rvu, knee.non_facility_pe_rvu, knee.facility_pe_rvu, knee.mp_rvu) == (
        Decimal("19.60"), Decimal("10.28"), Decimal("10.28"), Decimal("3.88"),
    )
    assert (knee.non_facility_na, knee.facility_na) == (True, False)
    assert (knee.status_code, knee.pctc_indicator, knee.global_days) == ("A", "0", "090")
    assert (knee.mult_proc, knee.bilat_surg, knee.asst_surg, knee.co_surg, knee.team_surg) == ("2", "1", "2", "1", "0")
    assert knee.details == {
        "non_facility_total": "33.76",
        "facility_total": "33.76",
        "pre_op": "0.09",
        "intra_op": "0.84",
        "post_op": "0.07",
        "physician_supervision": "09",
        "diagnostic_imaging_family": "99",
        # CALCULATION FLAG is 0 and the OPPS columns 0.00: zeros are left out.
        "calculation_flag": "0",
    }
    assert rows[("45378", "")].details["endo_base"] == "45378"
    assert rows[("71046", "TC")].details["opps_facility_pe"] == "0.71"


def test_it_never_keeps_the_description_column(tmp_path):
    release = parse(tmp_path)
    assert "DESCRIPTOR" not in repr(release)


def test_it_imports_a_file_without_a_description_column(tmp_path):
    without = [index for index in range(WIDTH) if index != DESCRIPTION]
    release = parse(tmp_path, with_columns(pprrvu_text(), without))
    assert rows_by_key(release) == rows_by_key(parse(tmp_path))


def test_it_reads_a_one_row_header_of_full_names(tmp_path):
    rows = read_rows(pprrvu_text())
    split_header = rows[PPRRVU_HCPCS_LINE - 5 : PPRRVU_HCPCS_LINE]
    full_names = [" ".join(row[index] for row in split_header if row[index]) for index in range(WIDTH)]
    assert full_names[21] == "CO- SURG"
    one_row = [*rows[: PPRRVU_HCPCS_LINE - 5], full_names, *rows[PPRRVU_HCPCS_LINE:]]
    assert without_locations(parse(tmp_path, rows_text(one_row))) == without_locations(parse(tmp_path))


def test_it_finds_columns_by_name_in_any_order(tmp_path):
    reordered = with_columns(pprrvu_text(), [24, 10, 0, 30, 5, 1, *range(25, 30), 2, 3, 4, 6, 7, 8, 9, *range(11, 24)])
    assert read_rows(reordered)[PPRRVU_HCPCS_LINE - 1][:3] == ["FACTOR", "RVU", "HCPCS"]
    assert parse(tmp_path, reordered).rows == parse(tmp_path).rows


def test_it_ignores_a_column_it_does_not_know(tmp_path):
    rows = read_rows(pprrvu_text())
    for number, row in enumerate(rows, start=1):
        new_cell = {PPRRVU_HCPCS_LINE - 1: "PRICING", PPRRVU_HCPCS_LINE: "INDICATOR"}.get(number, "")
        row.insert(5, "9" if number >= PPRRVU_FIRST_ROW_LINE else new_cell)
    assert parse(tmp_path, rows_text(rows)).rows == parse(tmp_path).rows


def test_it_refuses_a_file_without_a_required_column(tmp_path):
    without_mp = [index for index in range(WIDTH) if index != MP_RVU]
    error = refusal(tmp_path, with_columns(pprrvu_text(), without_mp))
    assert (error.location, error.field_name) == (f"line {PPRRVU_HCPCS_LINE}", "MP RVU")
    assert "the header has no MP RVU column" in str(error)


def test_it_refuses_a_renamed_column(tmp_path):
    text = set_cell(pprrvu_text(), PPRRVU_HCPCS_LINE - 1, WORK_RVU, "WRK")
    error = refusal(tmp_path, text)
    assert (error.location, error.field_name) == (f"line {PPRRVU_HCPCS_LINE}", "WORK RVU")
    assert "WRK RVU" in str(error)


def test_it_refuses_a_column_named_twice(tmp_path):
    text = with_columns(pprrvu_text(), [*range(WIDTH), MP_RVU])
    error = refusal(tmp_path, text)
    assert (error.field_name, error.problem) == ("MP RVU", "named twice (columns 11 and 32)")


def test_it_refuses_a_file_without_a_header(tmp_path):
    error = refusal(tmp_path, pprrvu_text().replace("HCPCS,MOD", "CODE,MOD"))
    assert "no row has a HCPCS column" in str(error)
    assert (error.location, error.field_name) == ("whole file", "HCPCS")


@pytest.mark.parametrize(
    "value, problem",
    [
        ("1.3O", "'1.3O' is not a number"),
        ("-1.30", "'-1.30' is not a number"),
        ("1,30", "'1,30' is not a number"),
        ("1.305", "1.305 has more than 2 decimal places"),
        ("123456.00", "123456.00 is too large"),
        ("", "blank; a number is required"),
    ],
)
def test_it_refuses_a_bad_number_naming_its_line_and_column(tmp_path, value, problem):
    error = refusal(tmp_path, set_cell(pprrvu_text(), PPRRVU_FIRST_ROW_LINE + 1, WORK_RVU, value))
    assert (error.location, error.field_name) == (f"line {PPRRVU_FIRST_ROW_LINE + 1}", "WORK RVU")
    assert error.problem == problem


def test_it_accepts_trailing_zeros_beyond_two_places(tmp_path):
    release = parse(tmp_path, set_cell(pprrvu_text(), PPRRVU_FIRST_ROW_LINE, WORK_RVU, "1.300"))
    assert release.rows[0].work_rvu == Decimal("1.30")


def test_it_refuses_a_bad_conversion_factor(tmp_path):
    error = refusal(tmp_path, set_cell(pprrvu_text(), PPRRVU_FIRST_ROW_LINE + 2, CONV_FACTOR, "33.40O9"))
    assert (error.location, error.field_name) == (f"line {PPRRVU_FIRST_ROW_LINE + 2}", "CONV FACTOR")


def test_it_refuses_two_conversion_factors(tmp_path):
    error = refusal(tmp_path, set_cell(pprrvu_text(), PPRRVU_FIRST_ROW_LINE + 3, CONV_FACTOR, "33.5675"))
    assert (error.location, error.field_name) == (f"line {PPRRVU_FIRST_ROW_LINE + 3}", "CONV FACTOR")
    assert f"differs from the 33.4009 of line {PPRRVU_FIRST_ROW_LINE + 2}" in error.problem


@pytest.mark.parametrize(
    "column, value, field_name",
    [
        (0, "9921", "HCPCS"),
        (1, "260", "MOD"),
        (3, "AA", "STATUS CODE"),
        (NON_FAC_NA, "N/A", "NON-FAC NA INDICATOR"),
        (14, "0900", "GLOB DAYS"),
    ],
)
def test_it_refuses_a_value_that_does_not_fit_its_column(tmp_path, column, value, field_name):
    error = refusal(tmp_path, set_cell(pprrvu_text(), PPRRVU_FIRST_ROW_LINE, column, value))
    assert (error.location, error.field_name) == (f"line {PPRRVU_FIRST_ROW_LINE}", field_name)


def test_it_refuses_the_same_code_and_modifier_twice(tmp_path):
    text = set_cell(pprrvu_text(), PPRRVU_FIRST_ROW_LINE + 4, 1, "26")
    error = refusal(tmp_path, text)
    assert (error.location, error.field_name) == (f"line {PPRRVU_FIRST_ROW_LINE + 4}", "HCPCS")
    assert f"71046-26 appears twice (first at line {PPRRVU_FIRST_ROW_LINE + 3})" in str(error)


def test_it_refuses_a_file_cut_short_inside_a_row(tmp_path):
    text = pprrvu_text()
    cut = text[: text.index("27447,,TEST DESCRIPTOR FOUR,A,,19.60,") + 36]
    error = refusal(tmp_path, cut)
    assert error.location == f"line {PPRRVU_FIRST_ROW_LINE + 5}"
    assert "the row has 6 cells but the header has 31 columns; is the file truncated?" in str(error)
    assert error.field_name == "NON-FAC PE RVU"


def test_it_refuses_a_file_cut_short_inside_the_last_cell(tmp_path):
    """Every cell is there, but the last one may be short: the missing line end gives it away."""
    error = refusal(tmp_path, pprrvu_text().rstrip("\r\n")[:-1])
    assert (error.location, error.field_name) == (f"line {PPRRVU_FIRST_ROW_LINE + 11}", "line end")
    assert "is the file truncated?" in str(error)


def test_it_refuses_a_file_cut_short_inside_a_quoted_cell(tmp_path):
    text = pprrvu_text().replace("TEST DESCRIPTOR NINE", '"TEST DESCRIPTOR, NINE"')
    error = refusal(tmp_path, text[: text.index(', NINE"')])
    assert (error.location, error.field_name) == (f"line {PPRRVU_FIRST_ROW_LINE + 11}", "CSV")


def test_it_refuses_a_file_with_a_header_and_no_rows(tmp_path):
    text = "".join(pprrvu_text().splitlines(keepends=True)[:PPRRVU_HCPCS_LINE])
    error = refusal(tmp_path, text)
    assert error.location == "whole file"


def test_it_reads_unix_line_ends_and_a_byte_order_mark(tmp_path):
    text = "\ufeff" + pprrvu_text().replace("\r\n", "\n")
    assert parse(tmp_path, text).rows == parse(tmp_path).rows


def test_it_refuses_a_title_for_another_year(tmp_path):
    error = refusal(tmp_path, pprrvu_text().replace("2026 National", "2025 National"))
    assert (error.location, error.field_name) == ("line 1", "title")
    assert "the title is for 2025 but the file name says 2026" in str(error)


def test_it_refuses_a_title_for_another_quarter(tmp_path):
    error = refusal(tmp_path, pprrvu_text(), name="PPRRVU26_APR.csv")
    assert (error.location, error.field_name) == ("line 1", "title")
    assert "the title names January but the file name says April" in str(error)


def test_a_copyright_line_of_the_year_before_is_not_a_title(tmp_path):
    text = pprrvu_text().replace("its CPT copyright notice", "CPT copyright 2025 notice")
    assert parse(tmp_path, text).year == 2026


@pytest.mark.parametrize("name", ["PPRRVU_JAN.csv", "PPRRVU26_XYZ.csv", "rvu26a.csv", "PPRRVU26_JAN.txt"])
def test_it_refuses_a_file_name_without_year_and_month(tmp_path, name):
    error = refusal(tmp_path, pprrvu_text(), name=name)
    assert error.location == "file name"


def test_it_refuses_the_file_for_qualifying_apm_participants(tmp_path):
    error = refusal(tmp_path, pprrvu_text(), name="PPRRVU2026_Jan_QPP.csv")
    assert (error.location, error.field_name) == ("file name", "conversion factor")
    assert "import the _nonQPP file" in str(error)


def test_find_sources_finds_each_release_oldest_first_and_leaves_out_qp_files(tmp_path):
    (tmp_path / "rvu26b").mkdir()
    (tmp_path / "rvu26a").mkdir()
    april = write_pprrvu(tmp_path / "rvu26b", name="PPRRVU2026_Apr_nonQPP.csv")
    write_pprrvu(tmp_path / "rvu26b", name="PPRRVU2026_Apr_QPP.csv")
    january = write_pprrvu(tmp_path / "rvu26a", name="PPRRVU26_JAN.csv")
    october_2025 = write_pprrvu(tmp_path, name="PPRRVU25_OCT.csv")
    for other in ("PPRRVU26_JAN.xlsx", "PPRRVU26_JAN.txt", "GPCI2026.csv", "OPPSCAP_JAN.csv"):
        write_pprrvu(tmp_path / "rvu26a", name=other)
    assert pprrvu.find_sources(tmp_path) == [[october_2025], [january], [april]]
