import pytest

from codingdesk.codesets.importers.base import ImportFileError
from codingdesk.coverage import services
from codingdesk.coverage.models import CoverageDocument, CoverageIndexRelease
from codingdesk.coverage.services import coverage_import_all, coverage_index_import

from .coverage_files import DOCUMENTS, INDEX_NAME, document_row, index_text, write_index

pytestmark = pytest.mark.django_db


def test_it_writes_the_release_and_its_documents(index_file):
    outcome = coverage_index_import(paths=[index_file])
    release = outcome.release
    assert outcome.created
    assert release.version == "2025-08-23"
    assert release.row_count == CoverageDocument.objects.filter(release=release).count() == len(DOCUMENTS)
    assert release.source_files[0]["name"] == INDEX_NAME
    assert len(release.checksum) == 64
    assert release.get_dataset_display() == "Medicare coverage index (LCDs and articles)"
    lcd = CoverageDocument.objects.get(release=release, document_id="L36692")
    assert (lcd.kind, lcd.version, lcd.title) == ("lcd", 27, "Vitamin D Assay Testing")
    assert lcd.contractor == "Noridian Healthcare Solutions, LLC (MAC - Part A, MAC - Part B)"


def test_the_same_file_again_is_skipped(index_file):
    first = coverage_index_import(paths=[index_file]).release
    again = coverage_index_import(paths=[index_file])
    assert not again.created
    assert again.release == first
    assert CoverageIndexRelease.objects.count() == 1
    assert CoverageDocument.objects.count() == len(DOCUMENTS)


def test_a_corrected_file_for_the_same_date_replaces_the_release(tmp_path, index_file):
    coverage_index_import(paths=[index_file])
    corrected = write_index(tmp_path / "corrected", index_text([document_row(*DOCUMENTS[0])]))
    release = coverage_index_import(paths=[corrected]).release
    assert list(CoverageIndexRelease.objects.all()) == [release]
    assert CoverageDocument.objects.count() == release.row_count == 1


def test_a_bad_file_leaves_the_loaded_index_unchanged(tmp_path, index_file):
    loaded = coverage_index_import(paths=[index_file]).release
    bad_rows = [document_row(*DOCUMENTS[0]), document_row(*DOCUMENTS[1]).replace("01/01/2024", "13/45/2024")]
    bad = write_index(tmp_path / "bad", index_text(bad_rows))
    with pytest.raises(ImportFileError, match="line 4, field effective_date"):
        coverage_index_import(paths=[bad])
    assert list(CoverageIndexRelease.objects.all()) == [loaded]
    assert CoverageDocument.objects.count() == len(DOCUMENTS)


def test_a_failure_while_writing_leaves_nothing_behind(index_file, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.CoverageDocument.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        coverage_index_import(paths=[index_file])
    assert not CoverageIndexRelease.objects.exists()


def test_import_all_reads_every_index_in_the_data_directory(tmp_path):
    write_index(tmp_path / "coverage")
    older = index_text([document_row(*DOCUMENTS[0])])
    write_index(tmp_path / "coverage", older, name="mcd_lcd_article_documents_2025-05-01.csv")
    outcomes = coverage_import_all(data_dir=tmp_path)
    assert [outcome.release.version for outcome in outcomes] == ["2025-05-01", "2025-08-23"]
    assert coverage_import_all(data_dir=tmp_path)[0].created is False
