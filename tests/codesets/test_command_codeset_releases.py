import io
import json

import pytest
from django.core.management import call_command

from codingdesk.codesets.services import code_release_import

from .icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db


def releases_output(*args) -> str:
    out = io.StringIO()
    call_command("codeset_releases", *args, stdout=out)
    return out.getvalue()


def test_it_prints_each_release_as_json(tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    (row,) = json.loads(releases_output("--json"))
    assert row["system"] == "icd10cm"
    assert row["version"] == "2026-04"
    assert row["effective_from"] == "2026-04-01"
    assert row["effective_to"] == "2026-09-30"
    assert row["code_count"] == outcome.release.code_count
    assert row["billable_count"] == outcome.release.billable_count


def test_it_prints_a_table(tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    assert "icd10cm" in releases_output() and "2026-04-01 to 2026-09-30" in releases_output()


def test_it_says_how_to_import_when_nothing_is_loaded():
    assert "codingdesk import --all" in releases_output()
    assert json.loads(releases_output("--json")) == []
