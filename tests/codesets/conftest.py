"""Fixtures shared by the code-set tests: two real ICD-10-CM releases,
imported through the import service from the small tabulars in fixtures/."""

from pathlib import Path
from typing import NamedTuple

import pytest

from codingdesk.codesets.models import Release
from codingdesk.codesets.services import code_release_import

ICD10CM_FIXTURES = Path(__file__).parent / "fixtures" / "icd10cm"
OCTOBER_2025 = ICD10CM_FIXTURES / "oct2025" / "icd10cm-tabular-October-1-2025.xml"
APRIL_2026 = ICD10CM_FIXTURES / "apr2026" / "icd10cm-tabular-April-1-2026.xml"


class Icd10cmReleases(NamedTuple):
    october: Release
    april: Release


def import_release(path: Path) -> Release:
    (outcome,) = code_release_import(system="icd10cm", paths=[path])
    return outcome.release


@pytest.fixture
def icd10cm_releases(db) -> Icd10cmReleases:
    """October 2025 and April 2026. April adds E11.1 (with E11.10, E11.11)
    and E11.A, deletes E11.69 and retitles E11.6 and E11.8."""
    return Icd10cmReleases(october=import_release(OCTOBER_2025), april=import_release(APRIL_2026))
