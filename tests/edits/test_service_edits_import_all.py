import datetime

import pytest

from codingdesk.edits.models import EditRelease
from codingdesk.edits.services import edits_import_all

from .ncci_files import mue_line, ptp_line, write_mue, write_ptp

pytestmark = pytest.mark.django_db

PTP = [ptp_line("11042", "97597")]
MUE = [mue_line("11042", 1, "1")]


def data_dir_with_releases(root):
    ncci = root / "ncci"
    for name in ["ccipra-v321r0-f1.txt", "ccipra-v322r0-f1.txt", "ccipra-v322r0-f2.txt", "ccioph-v322r0-f1.txt"]:
        write_ptp(ncci, PTP, name=name)
    # A sample is not a release and is passed over.
    write_ptp(ncci, PTP, name="ccipra-v323r0-f1.HEADER_AND_SAMPLE_ROWS.txt")
    for name in [
        "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv",
        "MCR_MUE_PractitionerServices_Eff_04-01-2026.csv",
        "MCR_MUE_OutpatientHospitalServices_Eff_07-01-2026.csv",
        "MCR_MUE_DMESupplierServices_Eff_07-01-2026.csv",
        "MCR_MUE_DMESupplierServices_Eff_10-01-2026.excerpt.csv",
    ]:
        write_mue(root / "mue", MUE, name=name)
    return root


def test_it_imports_every_release_found(tmp_path):
    outcomes = edits_import_all(data_dir=data_dir_with_releases(tmp_path))
    assert all(outcome.created for outcome in outcomes)
    releases = EditRelease.objects.order_by("dataset", "effective_from")
    assert [(release.dataset, release.version, release.effective_to) for release in releases] == [
        ("mue_dme", "2026-07-01", None),
        ("mue_hospital", "2026-07-01", None),
        ("mue_practitioner", "2026-04-01", datetime.date(2026, 6, 30)),
        ("mue_practitioner", "2026-07-01", None),
        ("ptp_hospital", "32.2", None),
        ("ptp_practitioner", "32.1", datetime.date(2026, 6, 30)),
        ("ptp_practitioner", "32.2", None),
    ]
    assert EditRelease.objects.get(dataset="ptp_practitioner", version="32.2").row_count == 2


def test_a_second_run_imports_nothing(tmp_path):
    data_dir = data_dir_with_releases(tmp_path)
    edits_import_all(data_dir=data_dir)
    outcomes = edits_import_all(data_dir=data_dir)
    assert len(outcomes) == 7
    assert not any(outcome.created for outcome in outcomes)
    assert EditRelease.objects.count() == 7


def test_an_empty_data_directory_imports_nothing(tmp_path):
    assert edits_import_all(data_dir=tmp_path) == []
