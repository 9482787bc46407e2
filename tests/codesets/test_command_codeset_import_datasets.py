"""``codingdesk import ncci|mpfs <folder>`` and ``import --all`` reaching the
NCCI/MUE and fee schedule files."""

import io

import pytest
from django.core.management import CommandError, call_command

from codingdesk.edits.models import EditRelease
from codingdesk.fees.models import FeeRelease
from tests.fees.fee_files import GPCI_NAME, PPRRVU_NAME, gpci_text, pprrvu_text, write_text
from tests.edits.ncci_files import mue_line, ptp_line, write_mue, write_ptp

from .icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("codeset_import", *args, stdout=out)
    return out.getvalue()


def write_ncci(folder):
    write_ptp(folder / "ncci", [ptp_line("G0124", "36415")])
    write_mue(folder / "ncci", [mue_line("G0124", 1)], name="MCR_MUE_PractitionerServices_Eff_07-01-2026.csv")
    return folder / "ncci"


def test_it_imports_a_folder_of_ncci_files(tmp_path):
    output = run("ncci", str(write_ncci(tmp_path)))
    assert "Imported NCCI PTP edits, practitioner 32.2: 1 rows." in output
    assert "Imported MUE, practitioner services 2026-07-01: 1 rows." in output
    assert "Skipped (already loaded) NCCI PTP edits, practitioner 32.2" in run("ncci", str(tmp_path / "ncci"))


def test_all_imports_the_ncci_files_of_the_data_directory(tmp_path, settings):
    settings.CODINGDESK_DATA_DIR = tmp_path
    write_tabular(tmp_path)
    write_ncci(tmp_path)
    run("--all")
    assert EditRelease.objects.count() == 2


def test_a_bad_ncci_file_is_refused_with_its_place(tmp_path):
    write_ptp(tmp_path, ["G0124\t36415\t\t2020013x\t*\t1\tMisuse of Column Two code with Column One code"])
    with pytest.raises(CommandError, match=r"Import refused: ccipra-v322r0-f1.txt, line 7"):
        run("ncci", str(tmp_path))
    assert not EditRelease.objects.exists()


def test_a_folder_without_ncci_files_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="No ncci release files found"):
        run("ncci", str(tmp_path))


def test_it_imports_a_folder_of_fee_schedule_files(tmp_path):
    write_text(tmp_path, gpci_text(), GPCI_NAME)
    write_text(tmp_path, pprrvu_text(), PPRRVU_NAME)
    output = run("mpfs", str(tmp_path))
    assert "Imported Physician fee schedule RVUs (PPRRVU) 2026-A: 12 rows." in output
    assert "Imported Geographic practice cost indices (GPCI) 2026: 6 rows." in output
    assert FeeRelease.objects.count() == 2


def test_it_imports_the_coverage_index_and_all_picks_it_up(tmp_path, settings):
    from codingdesk.coverage.models import CoverageIndexRelease
    from tests.coverage.coverage_files import DOCUMENTS, write_index

    write_index(tmp_path / "coverage")
    output = run("coverage", str(tmp_path / "coverage"))
    rows = len(DOCUMENTS)
    assert f"Imported Medicare coverage index (LCDs and articles) 2025-08-23: {rows} rows." in output
    settings.CODINGDESK_DATA_DIR = tmp_path
    write_tabular(tmp_path)
    assert f"Skipped (already loaded) Medicare coverage index (LCDs and articles) 2025-08-23: {rows} rows." in run("--all")
    assert CoverageIndexRelease.objects.count() == 1
