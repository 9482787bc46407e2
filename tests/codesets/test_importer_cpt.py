import datetime
from pathlib import Path

import pytest

from codingdesk.codesets.importers import cpt
from codingdesk.codesets.importers.base import ImportFileError
from codingdesk.codesets.models import Code, Release
from codingdesk.codesets.services import code_release_import

from .cpt_files import DESCRIPTORS, write_csv, write_data_files, write_lines


def parse_folder(folder: Path, **options):
    (release,) = cpt.parse(sorted(folder.iterdir()), **options)
    return release


def codes_of(release) -> dict:
    return {code.code: code for code in release.codes}


def refusal(paths: list[Path], **options) -> ImportFileError:
    with pytest.raises(ImportFileError) as error:
        cpt.parse(paths, **options)
    return error.value


def test_it_reads_the_long_medium_and_short_data_files(tmp_path):
    release = parse_folder(write_data_files(tmp_path / "CPT2026"))
    assert cpt.SYSTEMS == ("cpt",)
    assert release.system == "cpt"
    alpha = codes_of(release)["10001"]
    assert alpha.long_title == "TEST ONLY FICTIONAL PROCEDURE ALPHA, INVENTED LONG DESCRIPTOR"
    assert alpha.details["medium_descriptor"] == "TEST ONLY FICTIONAL PROC ALPHA MEDIUM"
    assert alpha.short_title == "TEST FICT PROC ALPHA"
    assert alpha.kind == "code"
    assert alpha.billable is True
    assert alpha.location == "LONGULT.txt line 2"


def test_it_names_the_release_after_the_year_of_the_folder(tmp_path):
    release = parse_folder(write_data_files(tmp_path / "CPT2026"))
    assert release.version == "2026"
    assert release.effective_from == datetime.date(2026, 1, 1)
    assert release.effective_to is None


def test_it_sorts_codes_by_category_then_number(tmp_path):
    release = parse_folder(write_data_files(tmp_path / "2026"))
    assert [code.code for code in release.codes] == ["10001", "10002", "1234F", "0999T", "0999U", "0999M"]
    categories = [code.details["category"] for code in release.codes]
    assert categories == ["I", "I", "II", "III", "PLA", "MAAA"]


def test_it_reads_latin_1_files_with_crlf_line_ends(tmp_path):
    descriptors = {"10001": ("TEST ONLY FICTIONAL PROCÉDURE ALPHA", "TEST ONLY FICT PROCÉDURE", "TEST FICT PROCÉDURE")}
    folder = write_data_files(tmp_path / "CPT2026", descriptors, encoding="latin-1", newline="\r\n")
    assert b"\xc9" in (folder / "LONGULT.txt").read_bytes()
    alpha = codes_of(parse_folder(folder))["10001"]
    assert alpha.long_title == "TEST ONLY FICTIONAL PROCÉDURE ALPHA"
    assert alpha.short_title == "TEST FICT PROCÉDURE"


def test_it_reads_utf_8_with_a_byte_order_mark(tmp_path):
    folder = tmp_path / "CPT2026"
    write_lines(folder / "LONGULT.txt", ["10001\tTEST ONLY FICTIONAL PROCÉDURE ALPHA"], encoding="utf-8-sig")
    assert codes_of(parse_folder(folder))["10001"].long_title == "TEST ONLY FICTIONAL PROCÉDURE ALPHA"


def test_it_reads_a_space_after_the_code_as_some_releases_write_it(tmp_path):
    folder = tmp_path / "CPT2026"
    write_lines(folder / "LONGULT.txt", ["10001 TEST ONLY FICTIONAL PROCEDURE ALPHA", "", "0999T TEST ONLY CHARLIE"])
    assert {code: parsed.long_title for code, parsed in codes_of(parse_folder(folder)).items()} == {
        "10001": "TEST ONLY FICTIONAL PROCEDURE ALPHA",
        "0999T": "TEST ONLY CHARLIE",
    }


def test_the_medium_and_short_files_are_optional(tmp_path):
    alpha = codes_of(parse_folder(write_data_files(tmp_path / "CPT2026", names=["LONGULT.txt"])))["10001"]
    assert alpha.short_title == ""
    assert "medium_descriptor" not in alpha.details


def test_it_needs_the_long_file(tmp_path):
    folder = write_data_files(tmp_path / "CPT2026", names=["SHORTU.txt"])
    error = refusal([folder / "SHORTU.txt"])
    assert (error.file, error.field_name) == ("SHORTU.txt", "file")
    assert "LONGULT.txt" in error.problem


def test_it_refuses_a_file_it_does_not_know(tmp_path):
    path = write_lines(tmp_path / "CPT2026" / "descriptors.txt", ["10001\tTEST ONLY FICTIONAL PROCEDURE ALPHA"])
    error = refusal([path])
    assert (error.file, error.location, error.field_name) == ("descriptors.txt", "file name", "file")


@pytest.mark.parametrize("bad_code", ["1234", "123456", "1234X", "A1234", "1234f", "12.34", "12 34"])
def test_it_refuses_a_code_that_is_not_cpt_shaped(tmp_path, bad_code):
    path = write_lines(
        tmp_path / "CPT2026" / "LONGULT.txt", ["10001\tTEST ONLY ALPHA", f"{bad_code}\tTEST ONLY BAD CODE"]
    )
    error = refusal([path])
    assert (error.file, error.location, error.field_name) == ("LONGULT.txt", "line 2", "code")
    assert "is not a CPT code" in error.problem
    assert "LONGULT.txt, line 2, field code" in str(error)


def test_it_accepts_every_category_of_code(tmp_path):
    folder = write_data_files(tmp_path / "CPT2026")
    assert set(codes_of(parse_folder(folder))) == set(DESCRIPTORS)


def test_it_refuses_a_code_listed_twice(tmp_path):
    lines = ["10001\tTEST ONLY ALPHA", "10002\tTEST ONLY BRAVO", "10001\tTEST ONLY ALPHA AGAIN"]
    error = refusal([write_lines(tmp_path / "CPT2026" / "LONGULT.txt", lines)])
    assert (error.location, error.field_name) == ("line 3", "code")
    assert "10001 appears twice (first at line 1)" in error.problem


def test_it_refuses_an_empty_descriptor(tmp_path):
    error = refusal([write_lines(tmp_path / "CPT2026" / "LONGULT.txt", ["10001\tTEST ONLY ALPHA", "10002\t  "])])
    assert (error.location, error.field_name) == ("line 2", "descriptor")
    assert "empty" in error.problem


def test_it_refuses_a_truncated_last_line(tmp_path):
    path = tmp_path / "CPT2026" / "LONGULT.txt"
    path.parent.mkdir()
    path.write_bytes(b"10001\tTEST ONLY ALPHA\r\n10002\tTEST ONLY BRAVO\r\n0999")
    error = refusal([path])
    assert (error.location, error.field_name) == ("line 3", "code")
    assert "truncated" in error.problem


def test_a_truncated_line_that_is_a_whole_code_is_still_refused(tmp_path):
    path = tmp_path / "CPT2026" / "LONGULT.txt"
    path.parent.mkdir()
    path.write_bytes(b"10001\tTEST ONLY ALPHA\n10002")
    assert "no tab between the code and the descriptor" in refusal([path]).problem


def test_it_refuses_a_short_descriptor_without_a_long_one(tmp_path):
    folder = write_data_files(tmp_path / "CPT2026", names=["LONGULT.txt"])
    write_lines(folder / "SHORTU.txt", ["10001\tTEST FICT ALPHA", "10009\tTEST FICT NOBODY"])
    error = refusal(sorted(folder.iterdir()))
    assert (error.file, error.location, error.field_name) == ("SHORTU.txt", "line 2", "code")
    assert "no long one" in error.problem


def test_it_reads_the_csv_layout(tmp_path):
    release = parse_folder(write_csv(tmp_path / "cpt2026.csv").parent)
    assert release.version == "2026"
    alpha = codes_of(release)["10001"]
    assert alpha.long_title == "TEST ONLY FICTIONAL PROCEDURE ALPHA, INVENTED LONG DESCRIPTOR"
    assert alpha.details["medium_descriptor"] == "TEST ONLY FICTIONAL PROC ALPHA MEDIUM"
    assert alpha.short_title == "TEST FICT PROC ALPHA"
    assert len(release.codes) == len(DESCRIPTORS)


def test_the_csv_medium_and_short_columns_may_be_blank(tmp_path):
    path = write_lines(tmp_path / "cpt2026.csv", ["Code,Long,Medium,Short", "10001,TEST ONLY FICTIONAL ALPHA,,"])
    alpha = codes_of(parse_folder(path.parent))["10001"]
    assert (alpha.long_title, alpha.short_title, alpha.details) == ("TEST ONLY FICTIONAL ALPHA", "", {"category": "I"})


def test_it_refuses_a_csv_without_the_header(tmp_path):
    error = refusal([write_csv(tmp_path / "cpt2026.csv", header="code,descriptor")])
    assert (error.file, error.location, error.field_name) == ("cpt2026.csv", "line 1", "header")
    assert "code,long,medium,short" in error.problem


@pytest.mark.parametrize(
    "row, field_name",
    [
        ("10001,TEST ONLY ALPHA,TEST ONLY MEDIUM", "row"),
        ("1000,TEST ONLY ALPHA,,", "code"),
        ("10001,,TEST ONLY MEDIUM,TEST ONLY SHORT", "long"),
    ],
)
def test_it_refuses_a_bad_csv_row(tmp_path, row, field_name):
    path = write_lines(tmp_path / "cpt2026.csv", ["code,long,medium,short", "10002,TEST ONLY BRAVO,,", row])
    error = refusal([path])
    assert (error.file, error.location, error.field_name) == ("cpt2026.csv", "line 3", field_name)


def test_it_refuses_a_code_twice_in_the_csv(tmp_path):
    lines = ["code,long,medium,short", "10001,TEST ONLY ALPHA,,", "10001,TEST ONLY ALPHA AGAIN,,"]
    error = refusal([write_lines(tmp_path / "cpt2026.csv", lines)])
    assert (error.location, error.field_name) == ("line 3", "code")
    assert "first at line 2" in error.problem


def test_a_version_given_names_the_release(tmp_path):
    folder = write_data_files(tmp_path / "licensed")
    release = parse_folder(folder, version="2026-07")
    assert (release.version, release.effective_from) == ("2026-07", datetime.date(2026, 7, 1))


def test_without_a_year_or_a_version_it_asks_for_one(tmp_path):
    error = refusal(sorted(write_data_files(tmp_path / "licensed").iterdir()))
    assert (error.file, error.field_name) == ("LONGULT.txt", "version")
    assert "--version" in error.problem


def test_it_refuses_a_version_that_is_not_a_year(tmp_path):
    error = refusal(sorted(write_data_files(tmp_path / "CPT2026").iterdir()), version="latest")
    assert (error.location, error.field_name) == ("--version", "version")


def test_find_sources_looks_only_in_the_cpt_folder(tmp_path):
    in_cpt = write_data_files(tmp_path / "cpt" / "CPT2026")
    csv_file = write_csv(tmp_path / "cpt" / "cpt2025.csv")
    write_data_files(tmp_path / "mpfs" / "2026")  # elsewhere in the data directory: never CPT
    write_csv(tmp_path / "cpt2024.csv")
    assert cpt.find_sources(tmp_path) == [
        [in_cpt / "LONGULT.txt", in_cpt / "MEDU.txt", in_cpt / "SHORTU.txt"],
        [csv_file],
    ]


def test_find_sources_finds_nothing_without_a_cpt_folder(tmp_path):
    write_data_files(tmp_path / "CPT2026")
    assert cpt.find_sources(tmp_path) == []


def test_the_import_service_stores_the_descriptors(db, tmp_path):
    folder = write_data_files(tmp_path / "CPT2026")
    (outcome,) = code_release_import(system="cpt", paths=sorted(folder.iterdir()))
    assert outcome.created
    release = Release.objects.get(system="cpt")
    assert (release.version, release.code_count, release.billable_count) == ("2026", 6, 6)
    assert [name["name"] for name in release.source_files] == ["LONGULT.txt", "MEDU.txt", "SHORTU.txt"]
    alpha = Code.objects.get(system="cpt", code="10001")
    assert alpha.details == {"category": "I", "medium_descriptor": "TEST ONLY FICTIONAL PROC ALPHA MEDIUM"}
    (again,) = code_release_import(system="cpt", paths=sorted(folder.iterdir()))
    assert not again.created
