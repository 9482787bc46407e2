import io

import pytest
from django.core.management import CommandError, call_command

from codingdesk.codesets.models import Release

from .icd10cm_sample import TABULAR, write_tabular

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("codeset_import", *args, stdout=out)
    return out.getvalue()


def test_it_imports_one_file(tmp_path):
    output = run("icd10cm", str(write_tabular(tmp_path)))
    assert "Imported ICD-10-CM 2026-04" in output
    assert Release.objects.get().system == "icd10cm"


def test_it_imports_every_release_in_a_folder(tmp_path):
    write_tabular(tmp_path)
    older = TABULAR.replace("Type 2 diabetes mellitus without complications", "Type 2 diabetes mellitus")
    write_tabular(tmp_path, older, name="icd10cm-tabular-October-1-2025.xml")
    run("icd10cm", str(tmp_path))
    assert sorted(Release.objects.values_list("version", flat=True)) == ["2025-10", "2026-04"]


def test_all_imports_the_data_directory_and_skips_what_is_loaded(tmp_path, settings):
    settings.CODINGDESK_DATA_DIR = tmp_path
    write_tabular(tmp_path)
    assert "Imported" in run("--all")
    assert "Skipped ICD-10-CM 2026-04" in run("--all")
    assert Release.objects.count() == 1


def test_it_explains_a_refused_file_and_keeps_what_was_loaded(tmp_path):
    run("icd10cm", str(write_tabular(tmp_path)))
    (broken_folder := tmp_path / "broken").mkdir()
    broken = write_tabular(broken_folder, TABULAR.replace("<desc>Intracranial injury</desc>", ""))
    with pytest.raises(CommandError) as error:
        run("icd10cm", str(broken))
    message = str(error.value)
    assert "icd10cm-tabular-April-1-2026.xml, diag S06, field desc" in message
    assert "unchanged" in message
    assert Release.objects.count() == 1


def test_it_needs_a_system_and_path_or_all():
    with pytest.raises(CommandError, match="either a system and a path, or --all"):
        run()


def test_it_says_when_the_path_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run("icd10cm", str(tmp_path / "missing.xml"))


def test_an_import_rebuilds_the_search_index(tmp_path):
    from codingdesk import search

    assert "Search index rebuilt" in run("icd10cm", str(write_tabular(tmp_path)))
    assert search.index_is_current()
    assert search.search("whiplash").results[0].code == "S13.4XXA"
