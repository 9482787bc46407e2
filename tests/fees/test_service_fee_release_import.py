import datetime
from decimal import Decimal

import pytest

from codingdesk.fees import services
from codingdesk.fees.importers.base import ImportFileError
from codingdesk.fees.models import FeeRelease, Gpci, RelativeValue
from codingdesk.fees.services import fee_release_import

from .fee_files import PPRRVU_FIRST_ROW_LINE, gpci_text, pprrvu_text, set_cell, write_gpci, write_pprrvu

pytestmark = pytest.mark.django_db

WORK_RVU = 5


def folder(tmp_path, name: str):
    (path := tmp_path / name).mkdir()
    return path


def import_rvu(tmp_path, folder_name: str, text: str | None = None, name: str = "PPRRVU26_JAN.csv"):
    return fee_release_import(dataset="rvu", paths=[write_pprrvu(folder(tmp_path, folder_name), text, name=name)])


def releases(dataset: str) -> list[tuple[str, datetime.date, datetime.date | None]]:
    return list(
        FeeRelease.objects.filter(dataset=dataset)
        .order_by("effective_from")
        .values_list("version", "effective_from", "effective_to")
    )


def test_it_writes_the_rvu_release_and_its_rows(rvu_file):
    outcome = fee_release_import(dataset="rvu", paths=[rvu_file])
    release = outcome.release
    assert outcome.created
    assert (release.dataset, release.version, release.year) == ("rvu", "2026-A", 2026)
    assert release.conversion_factor == Decimal("33.4009")
    assert release.row_count == RelativeValue.objects.filter(release=release).count() == 12
    assert release.source_files[0]["name"] == "PPRRVU26_JAN.csv"
    assert len(release.source_files[0]["sha256"]) == len(release.checksum) == 64
    row = RelativeValue.objects.get(release=release, code="71046", modifier="26")
    assert (row.work_rvu, row.non_facility_pe_rvu, row.mp_rvu) == (Decimal("0.22"), Decimal("0.08"), Decimal("0.01"))
    assert row.details["diagnostic_imaging_family"] == "88"


def test_no_descriptor_text_reaches_the_database(rvu_file):
    fee_release_import(dataset="rvu", paths=[rvu_file])
    stored = repr(list(RelativeValue.objects.values())) + repr(list(FeeRelease.objects.values()))
    assert "DESCRIPTOR" not in stored


def test_it_writes_the_gpci_release_with_its_notes(gpci_file):
    release = fee_release_import(dataset="gpci", paths=[gpci_file]).release
    assert (release.dataset, release.version, release.conversion_factor) == ("gpci", "2026", None)
    assert release.row_count == Gpci.objects.filter(release=release).count() == 6
    assert release.notes[0] == "MAC Assignments as of November 22, 2023"
    alaska = Gpci.objects.get(release=release, mac="02102", locality_number="01")
    assert (alaska.key, alaska.locality_name, alaska.work_gpci) == ("02102-01", "ALASKA", Decimal("1.500"))
    assert alaska.notes == ["Work GPCI reflects a 1.5 floor in Alaska established by the MIPPA."]


def test_importing_the_same_file_again_changes_nothing(rvu_file):
    first = fee_release_import(dataset="rvu", paths=[rvu_file])
    second = fee_release_import(dataset="rvu", paths=[rvu_file])
    assert not second.created
    assert second.release == first.release
    assert FeeRelease.objects.count() == 1
    assert RelativeValue.objects.count() == 12


def test_the_same_file_under_another_dataset_is_not_skipped(tmp_path, gpci_file):
    """Checksums are compared within a dataset only."""
    fee_release_import(dataset="gpci", paths=[gpci_file])
    with pytest.raises(ImportFileError):
        fee_release_import(dataset="rvu", paths=[gpci_file])


def test_a_bad_file_leaves_the_active_release_untouched(tmp_path):
    good = import_rvu(tmp_path, "good").release
    with pytest.raises(ImportFileError) as error:
        import_rvu(tmp_path, "bad", set_cell(pprrvu_text(), PPRRVU_FIRST_ROW_LINE + 6, WORK_RVU, "3.2x"))
    assert error.value.location == f"line {PPRRVU_FIRST_ROW_LINE + 6}"
    assert list(FeeRelease.objects.all()) == [good]
    assert RelativeValue.objects.filter(release=good).count() == 12


def test_a_failure_while_writing_rolls_the_whole_import_back(tmp_path, monkeypatch):
    good = import_rvu(tmp_path, "good").release

    def fail(dataset):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_chain_effective_dates", fail)
    corrected = set_cell(pprrvu_text(), PPRRVU_FIRST_ROW_LINE, WORK_RVU, "1.31")
    with pytest.raises(RuntimeError):
        import_rvu(tmp_path, "corrected", corrected)
    # The corrected file would have replaced 2026-A: the old release is still there, whole.
    assert list(FeeRelease.objects.all()) == [good]
    assert RelativeValue.objects.get(code="99213", modifier="").work_rvu == Decimal("1.30")
    assert RelativeValue.objects.count() == 12


def test_a_corrected_file_for_the_same_release_replaces_it(tmp_path):
    import_rvu(tmp_path, "first")
    outcome = import_rvu(tmp_path, "corrected", set_cell(pprrvu_text(), PPRRVU_FIRST_ROW_LINE, WORK_RVU, "1.31"))
    assert outcome.created
    assert FeeRelease.objects.get().version == "2026-A"
    assert RelativeValue.objects.get(code="99213", modifier="").work_rvu == Decimal("1.31")
    assert RelativeValue.objects.count() == 12


def test_a_release_runs_to_the_end_of_its_year_until_a_newer_one_is_imported(tmp_path):
    import_rvu(tmp_path, "january")
    assert releases("rvu") == [("2026-A", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))]
    import_rvu(tmp_path, "april", pprrvu_text().replace("January", "April"), name="PPRRVU26_APR.csv")
    assert releases("rvu") == [
        ("2026-A", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        ("2026-B", datetime.date(2026, 4, 1), datetime.date(2026, 12, 31)),
    ]


def test_a_release_imported_out_of_order_still_ends_where_the_next_begins(tmp_path):
    import_rvu(tmp_path, "april", pprrvu_text().replace("January", "April"), name="PPRRVU26_APR.csv")
    import_rvu(tmp_path, "january")
    assert releases("rvu") == [
        ("2026-A", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        ("2026-B", datetime.date(2026, 4, 1), datetime.date(2026, 12, 31)),
    ]


def test_gpci_releases_chain_by_year_and_apart_from_rvu_releases(tmp_path):
    fee_release_import(dataset="gpci", paths=[write_gpci(folder(tmp_path, "2026"))])
    older = gpci_text().replace("2026", "2025")
    fee_release_import(dataset="gpci", paths=[write_gpci(folder(tmp_path, "2025"), older, name="GPCI2025.csv")])
    import_rvu(tmp_path, "rvu")
    assert releases("gpci") == [
        ("2025", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
        ("2026", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
    ]
    assert releases("rvu") == [("2026-A", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))]


def test_it_refuses_an_unknown_dataset(rvu_file):
    with pytest.raises(ValueError, match="choose one of rvu, gpci"):
        fee_release_import(dataset="anes", paths=[rvu_file])
