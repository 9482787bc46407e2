import collections
import datetime
from decimal import Decimal

import pytest

from codingdesk.fees.importers import gpci
from codingdesk.fees.importers.base import ImportFileError

from .fee_files import gpci_text, read_rows, rows_text, with_columns, write_gpci

OFFICIAL_GPCI = "mpfs/GPCI2026.csv"
# Lines in the GPCI fixture: the header, then one locality a line.
HEADER_LINE, ALABAMA_LINE, MANHATTAN_LINE = 3, 4, 9


def parse(tmp_path, text: str | None = None, name: str = "GPCI2026.csv"):
    return gpci.parse([write_gpci(tmp_path, text, name=name)])


def localities(release) -> dict:
    return {f"{row.mac}-{row.locality_number}": row for row in release.rows}


def indices(locality) -> tuple[str, str, str]:
    return (str(locality.work_gpci), str(locality.pe_gpci), str(locality.mp_gpci))


def refusal(tmp_path, text: str, name: str = "GPCI2026.csv") -> ImportFileError:
    path = write_gpci(tmp_path, text, name=name)
    with pytest.raises(ImportFileError) as error:
        gpci.parse([path])
    assert error.value.file == name
    return error.value


def test_it_reads_every_locality(tmp_path):
    release = parse(tmp_path)
    assert release.dataset == "gpci"
    assert list(localities(release)) == ["10112-00", "02102-01", "01112-54", "01212-01", "03202-01", "13202-01"]
    alabama = localities(release)["10112-00"]
    assert (alabama.state, alabama.locality_name) == ("AL", "ALABAMA")
    assert indices(alabama) == ("1.000", "0.875", "0.566")
    assert alabama.location == f"line {ALABAMA_LINE}"


def test_it_dates_the_release_from_the_year(tmp_path):
    release = parse(tmp_path)
    assert (release.version, release.year, release.effective_from) == ("2026", 2026, datetime.date(2026, 1, 1))


def test_it_reads_a_quoted_name_with_a_comma(tmp_path):
    assert localities(parse(tmp_path))["01212-01"].locality_name == "HAWAII, GUAM"


def test_it_takes_footnote_marks_off_names_and_keeps_the_notes_they_point_to(tmp_path):
    rows = localities(parse(tmp_path))
    assert rows["02102-01"].locality_name == "ALASKA"
    assert rows["02102-01"].notes == ["Work GPCI reflects a 1.5 floor in Alaska established by the MIPPA."]
    assert rows["03202-01"].locality_name == "MONTANA"
    assert rows["03202-01"].notes == ["PE GPCI reflects a 1.0 floor for frontier states established by the ACA."]
    assert rows["10112-00"].notes == []


def test_it_keeps_the_notes_of_the_file_and_joins_a_note_continued_on_the_next_line(tmp_path):
    notes = parse(tmp_path).notes
    assert notes[0] == "MAC Assignments as of November 22, 2023"
    assert notes[-1].startswith("Note: The work GPCI floor of 1.0 that was applied in previous updates")
    assert notes[-1].endswith("(H.R.7148). Therefore, the work GPCIs for 2026 reflect the 1.0 work GPCI floor.")
    assert len(notes) == 4


def test_it_finds_columns_by_name_in_any_order(tmp_path):
    reordered = with_columns(gpci_text(), [6, 3, 0, 5, 1, 4, 2])
    assert list(localities(parse(tmp_path, reordered))) == list(localities(parse(tmp_path)))
    assert [vars(row) for row in parse(tmp_path, reordered).rows] == [vars(row) for row in parse(tmp_path).rows]


@pytest.mark.parametrize(
    "name",
    ["GPCI2026.csv", "gpci2026.csv", "CY2026_PFS_FR_Addendum_E.csv", "CY 2026 PFS Final Rule Addendum E.csv"],
)
def test_it_reads_the_names_cms_gives_the_file(tmp_path, name):
    assert parse(tmp_path, name=name).year == 2026


def test_find_sources_finds_each_file_oldest_first(tmp_path):
    (tmp_path / "rvu26a").mkdir()
    (tmp_path / "addenda").mkdir()
    ours = write_gpci(tmp_path / "rvu26a", name="GPCI2026.csv")
    addendum = write_gpci(tmp_path / "addenda", name="CY2026_PFS_FR_Addendum_E.csv")
    older = write_gpci(tmp_path, gpci_text().replace("2026", "2025"), name="GPCI2025.csv")
    others = (
        "GPCI2026.xlsx", "GPCI2026.prn", "26LOCCO.csv", "ANES2026.csv", "GPCI2026.sample.csv", "CY2026_Addendum_B.csv",
    )
    for other in others:
        write_gpci(tmp_path / "rvu26a", name=other)
    assert gpci.find_sources(tmp_path) == [[older], [addendum], [ours]]


def test_it_refuses_a_missing_column(tmp_path):
    error = refusal(tmp_path, with_columns(gpci_text(), [0, 1, 2, 3, 4, 6]))
    assert (error.location, error.field_name) == (f"line {HEADER_LINE}", "PE GPCI")
    assert "the header has no PE GPCI column" in str(error)


def test_it_refuses_a_renamed_column(tmp_path):
    error = refusal(tmp_path, gpci_text().replace("Locality Name", "Locality Title"))
    assert (error.location, error.field_name) == ("whole file", "Locality Number")


def test_it_refuses_a_bad_number_naming_its_line_and_column(tmp_path):
    error = refusal(tmp_path, gpci_text().replace("1.000,0.875,0.566", "1.000,0.8y5,0.566"))
    assert (error.location, error.field_name) == (f"line {ALABAMA_LINE}", "2026 PE GPCI")
    assert "'0.8y5' is not a number" in str(error)


@pytest.mark.parametrize("value, problem", [("0.000", "0 is not an index"), ("0.8755", "more than 3 decimal places")])
def test_it_refuses_an_index_the_file_cannot_mean(tmp_path, value, problem):
    error = refusal(tmp_path, gpci_text().replace("1.000,0.875,0.566", f"1.000,{value},0.566"))
    assert error.field_name == "2026 PE GPCI"
    assert problem in str(error)


def test_it_refuses_a_mac_number_that_lost_its_leading_zero(tmp_path):
    error = refusal(tmp_path, gpci_text().replace("02102,AK,01", "2102,AK,1"))
    assert (error.location, error.field_name) == (f"line {ALABAMA_LINE + 1}", gpci.MAC)
    assert "dropped its leading zero" in str(error)


def test_it_refuses_a_locality_twice(tmp_path):
    error = refusal(tmp_path, gpci_text().replace("13202,NY,01", "10112,NY,00"))
    assert (error.location, error.field_name) == (f"line {MANHATTAN_LINE}", "Locality Number")
    assert f"locality 10112-00 appears twice (first at line {ALABAMA_LINE})" in str(error)


def test_it_refuses_a_row_that_is_neither_a_locality_nor_a_note(tmp_path):
    error = refusal(tmp_path, gpci_text().replace("10112,AL,00", ",AL,00"))
    assert (error.location, error.field_name) == (f"line {ALABAMA_LINE}", "Medicare Administrative Contractor (MAC)")


def test_it_refuses_a_file_cut_short_inside_a_locality_row(tmp_path):
    text = gpci_text()
    error = refusal(tmp_path, text[: text.index("MANHATTAN,1.064")])
    assert error.location == f"line {MANHATTAN_LINE}"
    assert "the row has 4 cells but the header has 7 columns; is the file truncated?" in str(error)


def test_it_refuses_a_file_cut_short_inside_the_last_cell(tmp_path):
    text = gpci_text()
    error = refusal(tmp_path, text[: text.index("1.586") + 3])
    assert (error.location, error.field_name) == (f"line {MANHATTAN_LINE}", "line end")


def test_it_refuses_a_file_cut_before_its_notes(tmp_path):
    """The localities are whole, but the footnotes their marks point to are gone."""
    text = gpci_text()
    error = refusal(tmp_path, text[: text.index('"MAC Assignments')])
    assert (error.location, error.field_name) == (f"line {ALABAMA_LINE + 1}", "Locality Name")
    assert "carries the footnote mark * but no note starts with *; is the file truncated?" in str(error)


def test_it_refuses_a_header_year_that_is_not_the_file_name_year(tmp_path):
    error = refusal(tmp_path, gpci_text().replace("2026 PE GPCI", "2025 PE GPCI"))
    assert (error.location, error.field_name) == (f"line {HEADER_LINE}", "2025 PE GPCI")
    assert "says 2025 but the file name says 2026" in str(error)


def test_it_refuses_a_title_year_that_is_not_the_file_name_year(tmp_path):
    error = refusal(tmp_path, gpci_text().replace("FINAL CY 2026", "FINAL CY 2025"))
    assert (error.location, error.field_name) == ("line 1", "title")


def test_a_whole_file_of_another_year_is_refused_by_its_name(tmp_path):
    error = refusal(tmp_path, gpci_text(), name="GPCI2025.csv")
    assert "says 2026 but the file name says 2025" in str(error)


def test_it_refuses_a_file_without_localities(tmp_path):
    rows = read_rows(gpci_text())
    error = refusal(tmp_path, rows_text(rows[:HEADER_LINE]))
    assert error.location == "whole file"


@pytest.mark.official_data
def test_the_official_2026_file_has_109_localities(official_data_dir):
    release = gpci.parse([official_data_dir / OFFICIAL_GPCI])
    rows = localities(release)
    assert (release.version, len(rows)) == ("2026", 109)
    alabama = rows["10112-00"]
    assert (alabama.state, alabama.locality_name) == ("AL", "ALABAMA")
    assert indices(alabama) == ("1.000", "0.875", "0.566")
    manhattan = rows["13202-01"]
    assert indices(manhattan) == ("1.064", "1.162", "1.586")
    alaska = rows["02102-01"]
    assert (alaska.locality_name, alaska.work_gpci) == ("ALASKA", Decimal("1.500"))
    assert alaska.notes == ["Work GPCI reflects a 1.5 floor in Alaska established by the MIPPA."]
    # Alaska, and the five frontier states' PE floor.
    assert sum(1 for row in rows.values() if row.notes) == 6
    assert rows["01212-01"].locality_name == "HAWAII, GUAM"
    # 50 states, DC, Puerto Rico and the Virgin Islands.
    assert len({row.state for row in rows.values()}) == 53
    assert collections.Counter(row.state for row in rows.values())["CA"] == 29
    assert not any("*" in row.locality_name for row in rows.values())
    assert len(release.notes) == 5
