import pytest

from codingdesk import search
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular


@pytest.fixture
def indexed_sample(db, tmp_path):
    """The sample ICD-10-CM release, imported and indexed."""
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    search.index_rebuild()
    return outcome.release


def codes(query: str, **options) -> list[str]:
    return [result.code for result in search.search(query, **options).results]
