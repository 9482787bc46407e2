"""``codingdesk import cpt <folder-or-file>`` and ``import --all`` with a cpt/ folder."""

import io

import pytest
from django.core.management import CommandError, call_command

from codingdesk.codesets.models import Release

from .cpt_files import write_csv, write_data_files
from .icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("codeset_import", *args, stdout=out, **options)
    return out.getvalue()


def test_it_imports_the_folder_of_data_files(tmp_path):
    output = run("cpt", str(write_data_files(tmp_path / "CPT2026")))
    assert "Imported CPT 2026: 6 codes, 6 billable (LONGULT.txt, MEDU.txt, SHORTU.txt)." in output
    assert Release.objects.get().system == "cpt"


def test_naming_the_long_file_brings_its_medium_and_short_files(tmp_path):
    folder = write_data_files(tmp_path / "CPT2026")
    assert "(LONGULT.txt, MEDU.txt, SHORTU.txt)" in run("cpt", str(folder / "LONGULT.txt"))


def test_it_imports_a_csv_of_any_name(tmp_path):
    path = write_csv(tmp_path / "licensed-2026.csv")
    assert "Imported CPT 2026" in run("cpt", str(path))


def test_all_imports_cpt_only_from_the_cpt_folder(tmp_path, settings):
    settings.CODINGDESK_DATA_DIR = tmp_path
    write_tabular(tmp_path)  # else --all falls back to the whole bundled ICD-10-CM
    write_data_files(tmp_path / "mpfs" / "CPT2025")
    write_csv(tmp_path / "cpt2024.csv")
    write_data_files(tmp_path / "cpt" / "CPT2026")
    run("--all")
    assert list(Release.objects.filter(system="cpt").values_list("version", flat=True)) == ["2026"]


def test_all_without_a_cpt_folder_imports_no_cpt(tmp_path, settings):
    settings.CODINGDESK_DATA_DIR = tmp_path
    write_tabular(tmp_path)
    write_data_files(tmp_path / "CPT2026")
    run("--all")
    assert not Release.objects.filter(system="cpt").exists()


def test_it_explains_a_refused_file(tmp_path):
    folder = write_data_files(tmp_path / "CPT2026")
    (folder / "LONGULT.txt").write_text("10001\tTEST ONLY ALPHA\n999\tTEST ONLY BAD\n")
    with pytest.raises(CommandError, match="LONGULT.txt, line 2, field code"):
        run("cpt", str(folder))
    assert not Release.objects.exists()


def test_a_version_names_the_release(tmp_path):
    assert "Imported CPT 2026" in run("cpt", str(write_data_files(tmp_path / "licensed")), version="2026")


def test_a_version_is_for_cpt_only(tmp_path):
    with pytest.raises(CommandError, match="--version names a CPT release"):
        run("hcpcs", str(tmp_path), version="2026")


def test_its_help_names_the_formats(capsys):
    with pytest.raises(SystemExit):
        call_command("codeset_import", "--help")
    help_text = capsys.readouterr().out
    assert "LONGULT.txt" in help_text
    assert "code,long,medium,short" in help_text
    assert "CODINGDESK_DATA_DIR/cpt/" in help_text
