import datetime

import pytest

from codingdesk.edits.importers.base import ImportFileError
from codingdesk.edits.models import EditRationale, EditRelease, MueLimit, PtpEdit
from codingdesk.edits.services import edit_release_import

from .ncci_files import MISUSE, STANDARDS, mue_line, ptp_line, write_mue, write_ptp

pytestmark = pytest.mark.django_db

JULY = [
    ptp_line("11042", "97597", effective="20090101"),
    ptp_line("11042", "97602", effective="19960101", indicator="0", rationale=STANDARDS, prior="*"),
    ptp_line("20610", "76942", effective="20150101", deletion="20240101"),
]
APRIL = [ptp_line("11042", "97597", effective="20090101")]


def parts(folder, version="v322r0", lines_per_part=(JULY,), prefix="ccipra"):
    return [
        write_ptp(folder, lines, name=f"{prefix}-{version}-f{part}.txt")
        for part, lines in enumerate(lines_per_part, start=1)
    ]


def test_it_writes_the_release_and_its_edits(tmp_path):
    outcome = edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path))
    release = outcome.release
    assert outcome.created
    assert (release.dataset, release.version) == ("ptp_practitioner", "32.2")
    assert (release.effective_from, release.effective_to) == (datetime.date(2026, 7, 1), None)
    assert release.row_count == 3 == PtpEdit.objects.filter(release=release).count()
    assert [source["name"] for source in release.source_files] == ["ccipra-v322r0-f1.txt"]
    assert len(release.source_files[0]["sha256"]) == len(release.checksum) == 64
    edit = PtpEdit.objects.get(release=release, column2="97602")
    assert (edit.column1, edit.in_existence_prior_1996, edit.effective, edit.deletion) == (
        "11042", True, datetime.date(1996, 1, 1), None,
    )
    assert (edit.modifier_indicator, edit.rationale.text) == ("0", STANDARDS)


def test_the_parts_of_a_release_make_one_release(tmp_path):
    paths = parts(tmp_path, lines_per_part=(JULY[:1], JULY[1:2], JULY[2:]))
    release = edit_release_import(dataset="ptp_practitioner", paths=paths).release
    assert EditRelease.objects.count() == 1
    assert release.row_count == 3
    assert [source["name"] for source in release.source_files] == [path.name for path in paths]


def test_each_rationale_is_stored_once(tmp_path):
    edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "april", "v321r0", (APRIL,)))
    edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "july"))
    assert sorted(EditRationale.objects.values_list("text", flat=True)) == [MISUSE, STANDARDS]


def test_importing_the_same_files_again_changes_nothing(tmp_path):
    paths = parts(tmp_path)
    first = edit_release_import(dataset="ptp_practitioner", paths=paths)
    second = edit_release_import(dataset="ptp_practitioner", paths=paths)
    assert not second.created
    assert second.release == first.release
    assert PtpEdit.objects.count() == 3


def test_a_bad_part_leaves_the_release_in_force_untouched(tmp_path):
    april = edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "april", "v321r0", (APRIL,))).release
    broken = [*JULY, ptp_line("99213", "36415", deletion="20261345", rationale="A rationale not seen before")]
    paths = parts(tmp_path / "july", lines_per_part=(JULY, broken))
    with pytest.raises(ImportFileError) as error:
        edit_release_import(dataset="ptp_practitioner", paths=paths)
    assert (error.value.file, error.value.location, error.value.field_name) == (
        "ccipra-v322r0-f2.txt", "line 10", "Deletion Date",
    )
    assert list(EditRelease.objects.all()) == [april]
    april.refresh_from_db()
    assert april.effective_to is None
    assert PtpEdit.objects.count() == 1
    assert not EditRationale.objects.filter(text="A rationale not seen before").exists()


def test_a_file_cut_short_leaves_the_release_in_force_untouched(tmp_path):
    april = edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "april", "v321r0", (APRIL,))).release
    path = write_ptp(tmp_path / "july", [*JULY, "99213\t36415\t\t2009"], final_newline=False)
    with pytest.raises(ImportFileError):
        edit_release_import(dataset="ptp_practitioner", paths=[path])
    assert list(EditRelease.objects.all()) == [april]
    assert PtpEdit.objects.count() == 1


def test_a_newer_release_closes_the_one_before_it(tmp_path):
    april = edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "april", "v321r0", (APRIL,))).release
    july = edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "july")).release
    april.refresh_from_db()
    assert april.effective_to == datetime.date(2026, 6, 30)
    assert july.effective_to is None


def test_an_older_release_imported_late_slots_in_between(tmp_path):
    edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "july"))
    edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "jan", "v320r0", (APRIL,)))
    edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "april", "v321r0", (APRIL,)))
    ends = dict(EditRelease.objects.values_list("version", "effective_to"))
    assert ends == {"32.0": datetime.date(2026, 3, 31), "32.1": datetime.date(2026, 6, 30), "32.2": None}


def test_releases_of_another_dataset_are_not_closed(tmp_path):
    practitioner = edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "p", "v321r0", (APRIL,))).release
    edit_release_import(dataset="ptp_hospital", paths=parts(tmp_path / "h", prefix="ccioph"))
    practitioner.refresh_from_db()
    assert practitioner.effective_to is None


def test_a_corrected_revision_replaces_the_release_of_that_quarter(tmp_path):
    edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "r0"))
    corrected = edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path / "r1", "v322r1", (APRIL,)))
    assert corrected.created
    assert list(EditRelease.objects.all()) == [corrected.release]
    assert corrected.release.version == "32.2"
    assert PtpEdit.objects.count() == 1


def test_it_refuses_files_of_another_dataset(tmp_path):
    with pytest.raises(ImportFileError) as error:
        edit_release_import(dataset="ptp_hospital", paths=parts(tmp_path))
    assert error.value.field_name == "dataset"
    assert not EditRelease.objects.exists()


def test_it_refuses_a_release_without_edits(tmp_path):
    with pytest.raises(ImportFileError) as error:
        edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path, lines_per_part=([],)))
    assert "no edits" in str(error.value)
    assert not EditRelease.objects.exists()


def test_it_reports_progress_while_writing(tmp_path):
    calls = []
    edit_release_import(dataset="ptp_practitioner", paths=parts(tmp_path), on_progress=lambda *call: calls.append(call))
    assert calls[-1] == (3, 3)


def test_it_writes_an_mue_release(tmp_path):
    lines = [mue_line("11042", 1, "1", "Anatomic Consideration"), mue_line("97110", 6, "3", "Clinical: Data")]
    path = write_mue(tmp_path, lines, name="MCR_MUE_DMESupplierServices_Eff_04-01-2026.csv")
    release = edit_release_import(dataset="mue_dme", paths=[path]).release
    assert (release.dataset, release.version, release.effective_from) == ("mue_dme", "2026-04-01", datetime.date(2026, 4, 1))
    assert release.row_count == 2
    assert list(MueLimit.objects.filter(release=release).order_by("code").values_list("code", "mue", "mai", "rationale")) == [
        ("11042", 1, "1", "Anatomic Consideration"),
        ("97110", 6, "3", "Clinical: Data"),
    ]


def test_a_newer_mue_release_closes_the_one_before_it(tmp_path):
    lines = [mue_line("11042", 1, "1")]
    april = edit_release_import(
        dataset="mue_practitioner", paths=[write_mue(tmp_path, lines, name="MCR_MUE_PractitionerServices_Eff_04-01-2026.csv")]
    ).release
    edit_release_import(
        dataset="mue_practitioner", paths=[write_mue(tmp_path, lines, name="MCR_MUE_PractitionerServices_Eff_07-01-2026.csv")]
    )
    april.refresh_from_db()
    assert april.effective_to == datetime.date(2026, 6, 30)


def test_a_bad_mue_file_leaves_the_release_in_force_untouched(tmp_path):
    april = edit_release_import(
        dataset="mue_practitioner",
        paths=[write_mue(tmp_path, [mue_line("11042", 1, "1")], name="MCR_MUE_PractitionerServices_Eff_04-01-2026.csv")],
    ).release
    broken = write_mue(tmp_path, [mue_line("11042", 1, "7")], name="MCR_MUE_PractitionerServices_Eff_07-01-2026.csv")
    with pytest.raises(ImportFileError):
        edit_release_import(dataset="mue_practitioner", paths=[broken])
    assert list(EditRelease.objects.all()) == [april]
    assert MueLimit.objects.count() == 1
