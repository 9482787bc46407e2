import datetime

import pytest

from codingdesk.codesets.importers.base import ImportFileError
from codingdesk.coverage.importers import coverage_index

from .coverage_files import DOCUMENTS, HEADER, INDEX_NAME, document_row, index_text, write_index


def parse_text(tmp_path, text: str, name: str = INDEX_NAME):
    return coverage_index.parse([write_index(tmp_path, text, name=name)])


def test_it_reads_every_document_of_the_index(index_file):
    parsed = coverage_index.parse([index_file])
    assert (parsed.version, parsed.effective_from) == ("2025-08-23", datetime.date(2025, 8, 23))
    assert len(parsed.documents) == len(DOCUMENTS)
    first = parsed.documents[0]
    assert (first.kind, first.document_id, first.version) == ("lcd", "L33718", 5)
    assert first.contractor == "CGS Administrators, LLC (DME MAC)"
    assert first.effective_date == datetime.date(2024, 1, 1)
    assert first.retirement_date is None
    assert first.url == "https://www.cms.gov/medicare-coverage-database/view/lcd.aspx?lcdid=33718&ver=5"
    # The contractor cell spans two lines, so the second row starts on line 4.
    assert parsed.documents[1].location == "line 4"
    assert parsed.documents[1].kind == "article"
    retired = next(document for document in parsed.documents if document.document_id == "L38276")
    assert (retired.retirement_date, retired.note) == (datetime.date(2023, 12, 31), "Retired")


def test_a_row_cut_short_is_refused_with_its_line(tmp_path):
    rows = [document_row(*document) for document in DOCUMENTS[:2]]
    rows[1] = rows[1].rsplit(",", 4)[0]  # cut after the retirement date
    with pytest.raises(ImportFileError) as caught:
        parse_text(tmp_path, index_text(rows))
    assert (caught.value.location, caught.value.field_name) == ("line 4", "title")


def test_a_file_cut_inside_a_quoted_cell_is_refused(tmp_path):
    text = index_text()
    with pytest.raises(ImportFileError, match="is the file truncated"):
        parse_text(tmp_path, text[: text.rindex('"Palmetto') + 10])


def test_a_file_without_a_final_line_break_is_refused(tmp_path):
    with pytest.raises(ImportFileError, match="no line break at the end"):
        parse_text(tmp_path, index_text().rstrip("\n")[:-6])


def test_a_wrong_header_is_refused(tmp_path):
    header = HEADER.replace("document_display_id", "display_id")
    with pytest.raises(ImportFileError) as caught:
        parse_text(tmp_path, index_text(header=header))
    assert (caught.value.location, caught.value.field_name) == ("line 1", "document_display_id")
    assert "the header has no document_display_id column" in str(caught.value)


def test_a_bad_date_is_refused_with_its_line_and_field(tmp_path):
    rows = [document_row(*document) for document in DOCUMENTS[:3]]
    rows[2] = rows[2].replace("01/01/2024", "2024-01-01")
    with pytest.raises(ImportFileError) as caught:
        parse_text(tmp_path, index_text(rows))
    assert (caught.value.file, caught.value.location, caught.value.field_name) == (INDEX_NAME, "line 6", "effective_date")
    assert "MM/DD/YYYY" in caught.value.problem


def test_an_id_that_disagrees_with_its_type_is_refused(tmp_path):
    rows = [document_row(*DOCUMENTS[0]).replace(",LCD,", ",Article,")]
    with pytest.raises(ImportFileError, match="field document_display_id: 'L33718' is not an Article ID"):
        parse_text(tmp_path, index_text(rows))


def test_the_same_version_twice_is_refused(tmp_path):
    rows = [document_row(*DOCUMENTS[0])] * 2
    with pytest.raises(ImportFileError, match=r"line 4, field document_display_id: L33718 version 5 is listed twice \(also line 2\)"):
        parse_text(tmp_path, index_text(rows))


def test_a_file_without_documents_is_refused(tmp_path):
    with pytest.raises(ImportFileError, match="lists no documents"):
        parse_text(tmp_path, index_text([]))


def test_find_sources_takes_the_index_files_oldest_first(tmp_path):
    newer = write_index(tmp_path / "coverage", name=INDEX_NAME)
    older = write_index(tmp_path / "old", name="mcd_lcd_article_documents_2025-05-01.csv")
    write_index(tmp_path / "coverage", name="mcd_lcd_article_documents_2025-09-01.sample.csv")
    write_index(tmp_path / ".partial", name="mcd_lcd_article_documents_2025-10-01.csv")
    assert coverage_index.find_sources(tmp_path) == [[older], [newer]]
