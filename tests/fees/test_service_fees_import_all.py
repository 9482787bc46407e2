import pytest

from codingdesk.fees.importers.base import ImportFileError
from codingdesk.fees.models import FeeRelease
from codingdesk.fees.services import fees_import_all

from .fee_files import pprrvu_text, write_gpci, write_pprrvu

pytestmark = pytest.mark.django_db


def data_dir(tmp_path):
    """A data directory laid out as the official ZIPs unpack: one folder a release."""
    for name in ("rvu26a", "rvu26b"):
        (tmp_path / "mpfs" / name).mkdir(parents=True)
    write_pprrvu(tmp_path / "mpfs" / "rvu26a", name="PPRRVU26_JAN.csv")
    write_gpci(tmp_path / "mpfs" / "rvu26a")
    april = pprrvu_text().replace("January", "April")
    write_pprrvu(tmp_path / "mpfs" / "rvu26b", april, name="PPRRVU2026_Apr_nonQPP.csv")
    write_pprrvu(tmp_path / "mpfs" / "rvu26b", april, name="PPRRVU2026_Apr_QPP.csv")
    # The same GPCI file again in the April ZIP: skipped by its checksum.
    write_gpci(tmp_path / "mpfs" / "rvu26b")
    return tmp_path


def test_it_imports_every_release_in_the_data_directory(tmp_path):
    outcomes = fees_import_all(data_dir=data_dir(tmp_path))
    assert [(outcome.release.dataset, outcome.release.version, outcome.created) for outcome in outcomes] == [
        ("rvu", "2026-A", True),
        ("rvu", "2026-B", True),
        ("gpci", "2026", True),
        ("gpci", "2026", False),
    ]
    assert FeeRelease.objects.count() == 3


def test_a_second_run_skips_what_is_loaded(tmp_path):
    fees_import_all(data_dir=data_dir(tmp_path))
    again = fees_import_all(data_dir=tmp_path)
    assert not any(outcome.created for outcome in again)
    assert FeeRelease.objects.count() == 3


def test_an_empty_data_directory_imports_nothing(tmp_path):
    assert fees_import_all(data_dir=tmp_path) == []


def test_a_bad_file_stops_the_run_and_keeps_what_was_imported_before_it(tmp_path):
    write_pprrvu(tmp_path, name="PPRRVU26_JAN.csv")
    write_pprrvu(tmp_path, pprrvu_text().replace("January", "April").replace("1.30", "1.3x"), name="PPRRVU26_APR.csv")
    with pytest.raises(ImportFileError):
        fees_import_all(data_dir=tmp_path)
    assert list(FeeRelease.objects.values_list("version", flat=True)) == ["2026-A"]
