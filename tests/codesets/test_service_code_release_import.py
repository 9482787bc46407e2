import pytest

from codingdesk.codesets.importers.base import ImportFileError
from codingdesk.codesets.models import Code, Note, Release
from codingdesk.codesets.services import code_release_import

from .icd10cm_sample import TABULAR, write_tabular

pytestmark = pytest.mark.django_db


def test_it_writes_the_release_its_codes_and_notes(tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    release = outcome.release
    assert outcome.created
    assert release.code_count == Code.objects.filter(release=release).count()
    assert release.billable_count == Code.objects.filter(release=release, billable=True).count()
    assert release.source_files[0]["name"] == "icd10cm-tabular-April-1-2026.xml"
    assert len(release.source_files[0]["sha256"]) == 64
    e11 = Code.objects.get(release=release, normalized="E11")
    excludes1 = Note.objects.get(code=e11, kind="excludes1")
    assert excludes1.references == [
        {"start": 47, "end": 52, "text": "E08.-", "first": "E08", "last": "E08", "family": True}
    ]


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write_tabular(tmp_path)
    (first,) = code_release_import(system="icd10cm", paths=[path])
    (second,) = code_release_import(system="icd10cm", paths=[path])
    assert not second.created
    assert second.release == first.release
    assert Release.objects.count() == 1
    assert Code.objects.count() == first.release.code_count


def test_a_bad_file_leaves_the_active_release_untouched(tmp_path):
    (good_folder := tmp_path / "good").mkdir()
    (good,) = code_release_import(system="icd10cm", paths=[write_tabular(good_folder)])
    broken_folder = tmp_path / "broken"
    broken_folder.mkdir()
    broken = write_tabular(broken_folder, TABULAR.replace("<name>E11.9</name>", "<name>S13</name>"))
    with pytest.raises(ImportFileError) as error:
        code_release_import(system="icd10cm", paths=[broken])
    assert "S13 appears twice" in str(error.value)
    assert list(Release.objects.all()) == [good.release]
    assert Code.objects.filter(release=good.release).count() == good.release.code_count


def test_a_corrected_file_for_the_same_release_replaces_it(tmp_path):
    (first_folder := tmp_path / "first").mkdir()
    (second_folder := tmp_path / "second").mkdir()
    code_release_import(system="icd10cm", paths=[write_tabular(first_folder)])
    corrected = TABULAR.replace("Type 2 diabetes mellitus without complications", "Type 2 diabetes mellitus without complication")
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(second_folder, corrected)])
    assert outcome.created
    assert Release.objects.count() == 1
    assert Code.objects.get(normalized="E119").long_title == "Type 2 diabetes mellitus without complication"


def test_it_reports_progress_while_writing(tmp_path):
    calls = []
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)], on_progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]
