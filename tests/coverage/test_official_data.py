"""The official coverage index in CODINGDESK_DATA_DIR/coverage (972 LCDs and
2,161 articles, 2025-08-23). Run with CODINGDESK_DATA_DIR=../shared/data."""

import datetime

import pytest

from codingdesk.coverage.importers import coverage_index
from codingdesk.coverage.models import CoverageDocument
from codingdesk.coverage.selectors import coverage_search
from codingdesk.coverage.services import coverage_import_all

pytestmark = [pytest.mark.official_data, pytest.mark.django_db]


def test_the_official_index_is_imported_whole(official_data_dir):
    (outcome,) = coverage_import_all(data_dir=official_data_dir)
    release = outcome.release
    assert release.version == "2025-08-23"
    documents = CoverageDocument.objects.filter(release=release)
    assert documents.filter(kind="lcd").count() == 972
    assert documents.filter(kind="article").count() == 2161
    assert release.row_count == 3133
    found = coverage_search(query="sleep apnea", as_of=datetime.date(2025, 8, 23), kind="lcd")
    assert found and all("sleep apnea" in document.title.lower() for document in found)
    # The PAP devices LCD is reached from the word coders use.
    assert "L33718" in [document.document_id for document in coverage_search(query="cpap", kind="lcd")]


def test_the_official_file_is_found_by_name(official_data_dir):
    assert [[path.name for path in group] for group in coverage_index.find_sources(official_data_dir)] == [
        ["mcd_lcd_article_documents_2025-08-23.csv"]
    ]
