import pytest

from codingdesk.coverage.services import coverage_index_import

from .coverage_files import write_index


@pytest.fixture
def index_file(tmp_path):
    return write_index(tmp_path / "coverage")


@pytest.fixture
def coverage_release(db, index_file):
    """The fixture index (2025-08-23), imported through the import service."""
    return coverage_index_import(paths=[index_file]).release
