import datetime
import shutil
from pathlib import Path

import pytest

from tests.codesets.fixture_files import staged
from codingdesk.codesets.importers import hcpcs
from codingdesk.codesets.importers.base import ImportFileError
from codingdesk.codesets.models import Code, Release
from codingdesk.codesets.services import code_release_import

# 12 records in the official 320-character layout: modifiers LT and ZX, then
# procedures. LT, E0601, G0124 and J2780 are Level II records as CMS prints
# them; ZX and Z99xx are made up to fill every field and edge case. The file
# ends with an all-blank line, as the official file does.
FIXTURE = staged({"hcpcs/october_2025_records.txt": "HCPC2025_OCT_ANWEB.txt"})["HCPC2025_OCT_ANWEB.txt"]
OCT_2025 = "hcpcs/HCPC2025_OCT_ANWEB.reconstructed.txt"
JAN_2026_SAMPLE = "hcpcs/HCPC2026_JAN_ANWEB.sample.txt"


def fixture_lines() -> list[str]:
    return FIXTURE.read_text().splitlines()


def write_file(folder: Path, lines: list[str], name: str = "HCPC2025_OCT_ANWEB.txt") -> Path:
    path = folder / name
    path.write_text("".join(f"{line}\n" for line in lines))
    return path


def parse_both(path: Path = FIXTURE) -> tuple[dict, dict]:
    procedures, modifiers = hcpcs.parse([path])
    return {code.code: code for code in procedures.codes}, {code.code: code for code in modifiers.codes}


def refusal(path: Path) -> ImportFileError:
    with pytest.raises(ImportFileError) as error:
        hcpcs.parse([path])
    assert error.value.file == path.name
    assert path.name in str(error.value)
    return error.value


def test_one_file_gives_a_procedure_release_and_a_modifier_release():
    procedures, modifiers = hcpcs.parse([FIXTURE])
    assert hcpcs.SYSTEMS == ["hcpcs", "hcpcs_modifier"]
    assert (procedures.system, modifiers.system) == ("hcpcs", "hcpcs_modifier")
    assert [code.code for code in procedures.codes] == ["E0601", "G0124", "Z9901", "J2780", "Z9902", "Z9903"]
    assert [code.code for code in modifiers.codes] == ["LT", "ZX"]
    assert procedures.source_files == modifiers.source_files == [FIXTURE]


def test_it_dates_the_release_from_the_file_name():
    for release in hcpcs.parse([FIXTURE]):
        assert release.version == "2025-10"
        assert release.effective_from == datetime.date(2025, 10, 1)
        assert release.effective_to == datetime.date(2025, 12, 31)


@pytest.mark.parametrize(
    "name, version, effective_from, effective_to",
    [
        ("HCPC2026_JAN_ANWEB.txt", "2026-01", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        ("HCPC2026_APR_ANWEB_v2.txt", "2026-04", datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)),
        ("hcpc2024_jul_anweb.txt", "2024-07", datetime.date(2024, 7, 1), datetime.date(2024, 9, 30)),
    ],
)
def test_each_quarter_runs_to_its_last_day(tmp_path, name, version, effective_from, effective_to):
    path = write_file(tmp_path, fixture_lines(), name=name)
    procedures, modifiers = hcpcs.parse([path])
    assert (procedures.version, procedures.effective_from) == (version, effective_from)
    assert procedures.effective_to == effective_to
    assert (modifiers.version, modifiers.effective_to) == (version, effective_to)


@pytest.mark.parametrize("name", ["hcpcs_october.txt", "HCPC2025_XYZ_ANWEB.txt", "HCPC25_OCT_ANWEB.txt"])
def test_it_refuses_a_file_name_without_year_and_month(tmp_path, name):
    error = refusal(write_file(tmp_path, fixture_lines(), name=name))
    assert error.location == "file name"


def test_it_reads_the_code_titles_and_dates_of_a_procedure():
    procedures, _ = parse_both()
    cpap = procedures["E0601"]
    assert cpap.long_title == "Continuous positive airway pressure (cpap) device"
    assert cpap.short_title == "Cont airway pressure device"
    assert cpap.added_date == datetime.date(1988, 1, 1)
    assert cpap.effective_date is None and cpap.termination_date is None
    assert cpap.location == "line 4"
    made_up = procedures["Z9901"]
    assert made_up.added_date == made_up.effective_date == datetime.date(2025, 10, 1)


def test_every_code_is_a_top_level_code():
    procedures, modifiers = parse_both()
    for code in [*procedures.values(), *modifiers.values()]:
        assert (code.kind, code.parent, code.depth) == ("code", "", 0)


def test_it_joins_continuation_lines_into_one_long_title():
    procedures, modifiers = parse_both()
    assert procedures["G0124"].long_title == (
        "Screening cytopathology, cervical or vaginal (any reporting system), collected in preservative fluid, "
        "automated thin layer preparation, requiring interpretation by physician"
    )
    # The first line fills all 80 characters: the parts still join with a space.
    assert modifiers["ZX"].long_title == (
        "Made-up modifier for importer tests, its first description line is 80 characters long, "
        "and it ends on a second line"
    )


def test_it_collapses_runs_of_blanks_in_the_long_title():
    procedures, _ = parse_both()
    assert procedures["Z9901"].long_title.endswith("record layout filled in, across two lines")


def test_it_keeps_every_detail_field_as_json():
    procedures, _ = parse_both()
    assert procedures["Z9901"].details == {
        "pricing_indicators": ["46", "51", "57", "99"],
        "multiple_pricing_indicator": "D",
        "cim_references": ["60-14", "60-9", "50-20"],
        "mcm_references": ["2049", "3350.5", "4105.7"],
        "statute": "1833(t)(2)",
        "lab_certifications": ["310", "400", "630"],
        "cross_references": ["E0601", "G0124"],
        "coverage_code": "C",
        "asc_group": "YY",
        "asc_effective_date": "2025-01-01",
        "processing_note": "0180",
        "betos": "Z2",
        "types_of_service": ["A", "P", "R"],
        "anesthesia_base_units": 5,
        "action_code": "A",
    }


def test_it_leaves_blank_detail_fields_out():
    procedures, modifiers = parse_both()
    assert modifiers["LT"].details == {"coverage_code": "C", "action_code": "N"}
    assert procedures["E0601"].details == {
        "pricing_indicators": ["36"],
        "multiple_pricing_indicator": "A",
        "cim_references": ["60-17"],
        "coverage_code": "D",
        "betos": "D1E",
        "types_of_service": ["R"],
        "anesthesia_base_units": 0,
        "action_code": "N",
    }


def test_it_reads_modifier_codes_from_positions_4_and_5():
    _, modifiers = parse_both()
    zx = modifiers["ZX"]
    assert zx.short_title == "Test modifier two lines"
    assert zx.details == {
        "mcm_references": ["4105.7"],
        "cross_references": ["LT"],
        "coverage_code": "D",
        "processing_note": "0069",
        "action_code": "C",
    }
    assert zx.added_date == datetime.date(2020, 1, 1)
    assert zx.effective_date == datetime.date(2025, 10, 1)


def test_a_code_terminated_before_the_release_starts_is_not_billable():
    procedures, modifiers = parse_both()
    assert procedures["J2780"].termination_date == datetime.date(2024, 6, 30)
    assert not procedures["J2780"].billable


def test_a_code_terminated_on_the_first_day_or_later_is_still_billable():
    """The termination date is the last date a code may be used (layout item 29)."""
    procedures, modifiers = parse_both()
    assert procedures["Z9903"].termination_date == datetime.date(2025, 10, 1)
    assert procedures["Z9903"].billable
    assert procedures["Z9902"].termination_date == datetime.date(2025, 12, 31)
    assert procedures["Z9902"].billable
    assert procedures["E0601"].billable and modifiers["LT"].billable


def test_it_pads_lines_whose_trailing_blanks_were_stripped(tmp_path):
    path = write_file(tmp_path, [line.rstrip() for line in fixture_lines()])
    assert hcpcs.parse([path])[0].codes == hcpcs.parse([FIXTURE])[0].codes


def test_it_reads_windows_line_ends(tmp_path):
    path = tmp_path / "HCPC2025_OCT_ANWEB.txt"
    path.write_bytes(FIXTURE.read_bytes().replace(b"\n", b"\r\n"))
    assert hcpcs.parse([path])[1].codes == hcpcs.parse([FIXTURE])[1].codes


def test_it_ignores_the_all_blank_line_at_the_end():
    assert fixture_lines()[-1].strip() == "" and len(fixture_lines()[-1]) == 317
    procedures, modifiers = hcpcs.parse([FIXTURE])
    assert len(procedures.codes) + len(modifiers.codes) == 8


def test_it_refuses_a_line_longer_than_320_characters(tmp_path):
    lines = fixture_lines()
    lines[3] += "X"
    error = refusal(write_file(tmp_path, lines))
    assert (error.location, error.field_name) == ("line 4", "record length")
    assert "321 characters" in str(error)


def test_it_refuses_an_unknown_record_identification_code(tmp_path):
    lines = fixture_lines()
    lines[3] = lines[3][:10] + "5" + lines[3][11:]
    error = refusal(write_file(tmp_path, lines))
    assert (error.location, error.field_name) == ("line 4", "HCPCS Record Identification Code")
    assert "'5' is not 3, 4, 7 or 8" in str(error)


def test_it_refuses_a_sequence_number_that_is_not_a_number(tmp_path):
    lines = fixture_lines()
    lines[5] = lines[5][:5] + "002O0" + lines[5][10:]
    error = refusal(write_file(tmp_path, lines))
    assert (error.location, error.field_name) == ("line 6", "HCPCS Sequence Number")
    assert "'002O0' is not a number" in str(error)


def test_it_refuses_continuation_lines_out_of_order(tmp_path):
    lines = fixture_lines()
    lines[5], lines[6] = lines[6], lines[5]
    error = refusal(write_file(tmp_path, lines))
    assert (error.location, error.field_name) == ("line 7", "HCPCS Sequence Number")


def test_it_refuses_a_continuation_line_without_its_first_line(tmp_path):
    """A file cut inside a record: the G0124 first line is missing."""
    lines = fixture_lines()
    del lines[4]
    error = refusal(write_file(tmp_path, lines))
    assert (error.location, error.field_name) == ("line 5", "HCPCS Record Identification Code")
    assert "continuation line (RIC 4) of G0124 does not follow the first line (RIC 3) of G0124" in str(error)


def test_it_refuses_a_file_that_starts_with_a_continuation_line(tmp_path):
    error = refusal(write_file(tmp_path, fixture_lines()[5:]))
    assert (error.location, error.field_name) == ("line 1", "HCPCS Record Identification Code")
    assert "is the file truncated?" in str(error)


def test_it_refuses_a_modifier_continuation_after_a_procedure(tmp_path):
    lines = fixture_lines()
    lines.insert(4, lines[2].replace("   ZX", "E0601", 1))
    error = refusal(write_file(tmp_path, lines))
    assert (error.location, error.field_name) == ("line 5", "HCPCS Record Identification Code")
    assert "(RIC 8) of E0601" in str(error)


@pytest.mark.parametrize("lines", [[], [" " * 317]], ids=["empty", "only-blank"])
def test_it_refuses_a_file_with_no_records(tmp_path, lines):
    error = refusal(write_file(tmp_path, lines))
    assert error.location == "whole file"
    assert "no HCPCS records" in str(error)


def test_it_refuses_a_file_without_modifiers(tmp_path):
    error = refusal(write_file(tmp_path, fixture_lines()[3:]))
    assert "no modifier (RIC 7) records" in str(error)


def test_it_refuses_a_date_that_is_not_a_date(tmp_path):
    lines = fixture_lines()
    lines[3] = lines[3][:268] + "19881301" + lines[3][276:]
    error = refusal(write_file(tmp_path, lines))
    assert (error.location, error.field_name) == ("line 4", "HCPCS Code Added Date")


def test_it_refuses_anesthesia_base_units_that_are_not_a_number(tmp_path):
    lines = fixture_lines()
    lines[3] = lines[3][:265] + " x0" + lines[3][268:]
    error = refusal(write_file(tmp_path, lines))
    assert (error.location, error.field_name) == ("line 4", "HCPCS Anesthesia Base Unit Quantity")


def test_it_refuses_a_modifier_line_with_a_procedure_code(tmp_path):
    lines = fixture_lines()
    lines[0] = "E0" + lines[0][2:]
    error = refusal(write_file(tmp_path, lines))
    assert (error.location, error.field_name) == ("line 1", "FILLER (item 3)")


def test_it_refuses_a_procedure_line_without_a_code(tmp_path):
    lines = fixture_lines()
    lines[3] = " " * 5 + lines[3][5:]
    error = refusal(write_file(tmp_path, lines))
    assert (error.location, error.field_name) == ("line 4", "HCPCS Code")


def test_find_sources_finds_each_quarter_and_skips_samples(tmp_path):
    (tmp_path / "hcpcs" / "2026").mkdir(parents=True)
    january = write_file(tmp_path / "hcpcs", fixture_lines(), name="HCPC2026_JAN_ANWEB.txt")
    january_corrected = write_file(tmp_path / "hcpcs" / "2026", fixture_lines(), name="hcpc2026_jan_anweb_v2.txt")
    october = write_file(tmp_path / "hcpcs" / "2026", fixture_lines(), name="HCPC2025_OCT_ANWEB.txt")
    write_file(tmp_path / "hcpcs", fixture_lines(), name="HCPC2026_JAN_ANWEB.sample.txt")
    write_file(tmp_path / "hcpcs", ["notes"], name="HCPC2025_OCT_ANWEB.xlsx")
    write_file(tmp_path / "hcpcs", ["notes"], name="proc_notes_2025.txt")
    # Oldest first, and a corrected file after the one it replaces.
    assert hcpcs.find_sources(tmp_path) == [[october], [january], [january_corrected]]


def test_a_sample_can_still_be_parsed_by_name(tmp_path):
    path = write_file(tmp_path, fixture_lines(), name="HCPC2026_JAN_ANWEB.sample.txt")
    assert hcpcs.parse([path])[0].version == "2026-01"


@pytest.mark.django_db
def test_importing_the_file_writes_both_releases(tmp_path):
    path = shutil.copy(FIXTURE, tmp_path / FIXTURE.name)
    outcomes = code_release_import(system="hcpcs", paths=[path])
    assert [(outcome.release.system, outcome.created) for outcome in outcomes] == [
        ("hcpcs", True),
        ("hcpcs_modifier", True),
    ]
    procedures, modifiers = (outcome.release for outcome in outcomes)
    assert (procedures.code_count, procedures.billable_count) == (6, 5)
    assert (modifiers.code_count, modifiers.billable_count) == (2, 2)
    stored = Code.objects.get(release=procedures, normalized="Z9901")
    assert stored.details["asc_effective_date"] == "2025-01-01"
    assert stored.details["pricing_indicators"] == ["46", "51", "57", "99"]
    assert Code.objects.get(release=modifiers, normalized="ZX").long_title.endswith("ends on a second line")
    again = code_release_import(system="hcpcs_modifier", paths=[path])
    assert sorted(outcome.release.system for outcome in again if not outcome.created) == ["hcpcs", "hcpcs_modifier"]
    assert Release.objects.count() == 2


@pytest.mark.official_data
def test_the_october_2025_file_has_every_procedure_code_and_modifier(official_data_dir):
    procedures, modifiers = hcpcs.parse([official_data_dir / OCT_2025])
    assert len(procedures.codes) == 8_463
    assert len(modifiers.codes) == 383
    assert all(code.parent == "" and code.depth == 0 for code in [*procedures.codes, *modifiers.codes])
    codes = {code.code: code for code in procedures.codes}
    assert codes["E0601"].long_title == "Continuous positive airway pressure (cpap) device"
    # Level II modifiers only: the file holds no CPT (numeric) modifiers.
    assert {code.code for code in modifiers.codes} >= {"LT", "RT", "GA", "XS"}
    assert not any(code.code.isdigit() for code in modifiers.codes)


@pytest.mark.official_data
def test_the_january_2026_sample_has_terminated_and_new_j_codes(official_data_dir):
    procedures, _ = hcpcs.parse([official_data_dir / JAN_2026_SAMPLE])
    codes = {code.code: code for code in procedures.codes}
    ranitidine = codes["J2780"]
    assert ranitidine.termination_date == datetime.date(2024, 6, 30)
    assert not ranitidine.billable
    assert ranitidine.details["action_code"] == "N"
    vasopressin = codes["J2596"]
    assert vasopressin.details["action_code"] == "A"
    assert vasopressin.effective_date == datetime.date(2026, 1, 1)
    assert vasopressin.billable
    assert vasopressin.long_title == (
        "Injection, vasopressin (long grove), not therapeutically equivalent to j2598, 1 unit"
    )


@pytest.mark.official_data
@pytest.mark.django_db
def test_importing_the_october_2025_file_twice_writes_it_once(official_data_dir):
    path = official_data_dir / OCT_2025
    outcomes = code_release_import(system="hcpcs", paths=[path])
    assert {(outcome.release.system, outcome.release.version, outcome.created) for outcome in outcomes} == {
        ("hcpcs", "2025-10", True),
        ("hcpcs_modifier", "2025-10", True),
    }
    counts = dict(Release.objects.values_list("system", "code_count"))
    assert counts == {"hcpcs": 8_463, "hcpcs_modifier": 383}
    assert Code.objects.get(system="hcpcs", normalized="E0601").short_title == "Cont airway pressure device"
    again = code_release_import(system="hcpcs", paths=[path])
    assert len(again) == 2 and not any(outcome.created for outcome in again)
    assert Release.objects.count() == 2
