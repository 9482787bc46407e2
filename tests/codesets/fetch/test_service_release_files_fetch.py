import contextlib
import datetime
import http.server
import threading
import zipfile
from pathlib import Path

import pytest

from codingdesk.codesets.fetch.download import FetchError
from codingdesk.codesets.fetch.services import fetch_plan, release_files_fetch
from codingdesk.codesets.models import Release
from codingdesk.edits.models import EditRelease
from codingdesk.fees.models import FeeRelease

from .conftest import bounds_set, files_in
from .release_zips import RELEASE, ZIPS, ptp_text, write_zip, zip_for

pytestmark = pytest.mark.django_db


def fetch(data_dir: Path, *datasets: str, **options):
    return release_files_fetch(data_dir=data_dir, datasets=list(datasets) or None, releases=[RELEASE], **options)


def refusal(data_dir: Path, *datasets: str, **options) -> str:
    with pytest.raises(FetchError) as error:
        fetch(data_dir, *datasets, **options)
    return str(error.value)


def loaded() -> list[str]:
    return sorted(
        [f"{r.system} {r.version}" for r in Release.objects.all()]
        + [f"{r.dataset} {r.version}" for r in EditRelease.objects.all()]
        + [f"{r.dataset} {r.version}" for r in FeeRelease.objects.all()]
    )


def nothing_kept(data_dir: Path) -> bool:
    return loaded() == [] and files_in(data_dir) == []


def test_it_downloads_verifies_imports_and_places_every_dataset(release_server, data_dir):
    fetched = fetch(data_dir)
    assert loaded() == [
        "gpci 2026",
        "hcpcs 2026-01",
        "hcpcs_modifier 2026-01",
        "icd10cm 2025-10",
        "icd10pcs FY2026",
        "mue_dme 2026-01-01",
        "mue_hospital 2026-01-01",
        "mue_practitioner 2026-01-01",
        "ptp_hospital 32.0",
        "ptp_practitioner 32.0",
        "rvu 2026-A",
    ]
    assert [item.dataset for item in fetched] == [
        "icd10cm", "icd10pcs", "hcpcs", "ncci_ptp_practitioner", "ncci_ptp_hospital",
        "mue_practitioner", "mue_hospital", "mue_dme", "pprrvu", "gpci",
    ]
    assert all(release.created for item in fetched for release in item.releases)


def test_only_the_files_the_importers_read_are_placed_one_folder_per_dataset(release_server, data_dir):
    fetch(data_dir)
    assert files_in(data_dir) == [
        "hcpcs/hcpcs-2026-01/HCPC2026_JAN_ANWEB.txt",
        "icd10cm/icd10cm-2025-10/icd10cm-tabular-October-1-2025.xml",
        "icd10pcs/icd10pcs-2025-10/icd10pcs_definitions_2026.xml",
        "icd10pcs/icd10pcs-2025-10/icd10pcs_tables_2026.xml",
        "mpfs/gpci-2026-01/GPCI2026.csv",
        "mpfs/pprrvu-2026-01/PPRRVU26_JAN.csv",
        "ncci/mue_dme-2026-01/MCR_MUE_DMESupplierServices_Eff_01-01-2026.csv",
        "ncci/mue_hospital-2026-01/MCR_MUE_OutpatientHospitalServices_Eff_01-01-2026.csv",
        "ncci/mue_practitioner-2026-01/MCR_MUE_PractitionerServices_Eff_01-01-2026.csv",
        "ncci/ncci_ptp_hospital-2026-01/ccioph-v320r0-f1.txt",
        "ncci/ncci_ptp_hospital-2026-01/ccioph-v320r0-f2.txt",
        "ncci/ncci_ptp_practitioner-2026-01/ccipra-v320r0-f1.txt",
        "ncci/ncci_ptp_practitioner-2026-01/ccipra-v320r0-f2.txt",
    ]


def test_it_downloads_a_zip_two_datasets_share_once_with_its_user_agent(release_server, data_dir):
    fetch(data_dir, "pprrvu", "gpci")
    assert [path for path, _ in release_server.requests] == ["/cms/rvu26a.zip"]
    assert release_server.requests[0][1].startswith("CodingDesk-data-fetch/")


def test_only_the_datasets_asked_for_are_fetched(release_server, data_dir):
    fetched = fetch(data_dir, "hcpcs", "mue_dme")
    assert [item.dataset for item in fetched] == ["hcpcs", "mue_dme"]
    assert loaded() == ["hcpcs 2026-01", "hcpcs_modifier 2026-01", "mue_dme 2026-01-01"]
    assert {path for path, _ in release_server.requests} == {
        "/cms/january-2026-alpha-numeric-hcpcs-file.zip",
        "/cms/medicare-ncci-2026-q1-dme-supplier-services-mue-table.zip",
    }


def test_a_second_run_skips_the_releases_already_loaded_and_keeps_one_folder(release_server, data_dir):
    fetch(data_dir, "hcpcs", "ncci_ptp_practitioner", "pprrvu")
    first = {release.pk for release in Release.objects.all()}
    fetched = fetch(data_dir, "hcpcs", "ncci_ptp_practitioner", "pprrvu")
    assert [release.created for item in fetched for release in item.releases] == [False, False, False, False]
    assert {release.pk for release in Release.objects.all()} == first
    assert EditRelease.objects.count() == FeeRelease.objects.count() == 1
    assert len(files_in(data_dir)) == 4


def test_a_404_names_the_dataset_and_url_and_keeps_nothing(release_server, data_dir):
    (release_server.cms / zip_for("hcpcs")).unlink()
    message = refusal(data_dir)
    url = f"{release_server.url}/cms/{zip_for('hcpcs')}"
    assert message == f"hcpcs: {zip_for('hcpcs')} was not found at {url} (HTTP 404)"
    # ICD-10-CM and ICD-10-PCS were downloaded before it, but not imported.
    assert nothing_kept(data_dir)


def test_a_missing_part_of_a_ptp_release_is_a_404(release_server, data_dir):
    name = zip_for("ncci_ptp_practitioner").replace("-f1.zip", "-f2.zip")
    (release_server.cms / name).unlink()
    assert "was not found at" in refusal(data_dir, "ncci_ptp_practitioner")
    assert nothing_kept(data_dir)


def test_a_truncated_zip_is_refused_and_nothing_is_kept(release_server, data_dir):
    path = release_server.cms / zip_for("icd10pcs")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    message = refusal(data_dir, "icd10cm", "icd10pcs", "hcpcs")
    assert message.startswith(f"icd10pcs: {zip_for('icd10pcs')} from {release_server.url}/cms/")
    assert "is not a valid ZIP: File is not a zip file" in message
    assert nothing_kept(data_dir)


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_a_damaged_member_is_named_and_nothing_is_kept(release_server, data_dir, compression):
    path = write_zip(release_server.cms / zip_for("hcpcs"), ZIPS[zip_for("hcpcs")], compression)
    data = bytearray(path.read_bytes())
    # The first member's data starts after its 30-byte local header and name.
    start = 30 + len("HCPC2026_JAN_ANWEB.txt") + 40
    data[start : start + 8] = bytes(byte ^ 0xFF for byte in data[start : start + 8])
    path.write_bytes(bytes(data))
    message = refusal(data_dir, "icd10cm", "hcpcs")
    assert message.endswith("is not a valid ZIP: HCPC2026_JAN_ANWEB.txt is damaged")
    assert message.startswith(f"hcpcs: {zip_for('hcpcs')} from {release_server.url}")
    assert nothing_kept(data_dir)


def test_a_web_page_served_instead_of_the_zip_is_refused(release_server, data_dir):
    (release_server.cms / zip_for("hcpcs")).write_bytes(b"<!DOCTYPE html><html><body>Page moved</body></html>")
    message = refusal(data_dir, "hcpcs")
    assert message.endswith("is not a valid ZIP: File is not a zip file (the server sent a web page instead)")
    assert nothing_kept(data_dir)


def test_a_zip_without_the_file_the_importer_reads_is_refused(release_server, data_dir):
    write_zip(release_server.cms / zip_for("hcpcs"), {"HCPC2026_JAN_ANWEB.xlsx": b"x", "readme.pdf": b"y"})
    message = refusal(data_dir, "hcpcs")
    assert message == (
        f"hcpcs: {zip_for('hcpcs')} from {release_server.url}/cms/{zip_for('hcpcs')} holds no "
        "HCPC<year>_<MON>_ANWEB*.txt (it holds HCPC2026_JAN_ANWEB.xlsx, readme.pdf)"
    )
    assert nothing_kept(data_dir)


def test_a_zip_of_another_setting_is_refused(release_server, data_dir):
    members = {"MCR_MUE_PractitionerServices_Eff_01-01-2026.csv": b"x"}
    write_zip(release_server.cms / "medicare-ncci-2026-q1-dme-supplier-services-mue-table.zip", members)
    assert "holds no MCR_MUE_DMESupplierServices_Eff_<MM-DD-YYYY>.csv" in refusal(data_dir, "mue_dme")


def test_a_zip_larger_than_expected_is_refused(release_server, data_dir, monkeypatch):
    bounds_set(monkeypatch, "hcpcs", max_bytes=1000)
    message = refusal(data_dir, "hcpcs")
    assert "is larger than the 1,000 bytes expected" in message and message.startswith("hcpcs: ")
    assert nothing_kept(data_dir)


def test_a_zip_smaller_than_expected_is_refused(release_server, data_dir, monkeypatch):
    bounds_set(monkeypatch, "pprrvu", min_bytes=10_000_000)
    message = refusal(data_dir, "pprrvu")
    assert "less than the 10,000,000 expected; refused" in message
    assert nothing_kept(data_dir)


def test_a_file_in_the_zip_of_implausible_size_is_refused(release_server, data_dir, monkeypatch):
    bounds_set(monkeypatch, "gpci", member_min_bytes=1_000_000)
    message = refusal(data_dir, "gpci")
    assert message.startswith("gpci: GPCI2026.csv in rvu26a.zip is ")
    assert "outside the 1,000,000 to 10,000,000 expected for GPCI<year>.csv; refused" in message
    assert nothing_kept(data_dir)


def test_an_unreachable_server_is_named(data_dir, settings):
    settings.FETCH_CMS_BASE_URL = "http://127.0.0.1:9/cms/"
    message = refusal(data_dir, "hcpcs")
    assert message.startswith(f"hcpcs: {zip_for('hcpcs')} could not be downloaded from http://127.0.0.1:9/cms/")
    assert nothing_kept(data_dir)


def test_the_mirror_folder_works_without_a_server(data_dir, settings, tmp_path):
    from .release_zips import write_release_zips

    write_release_zips(tmp_path / "mirror")
    settings.FETCH_CMS_BASE_URL = settings.FETCH_CDC_BASE_URL = "http://127.0.0.1:9/"
    settings.FETCH_MIRROR_DIR = str(tmp_path / "mirror")
    fetch(data_dir, "icd10cm", "mue_practitioner", "gpci")
    assert loaded() == ["gpci 2026", "icd10cm 2025-10", "mue_practitioner 2026-01-01"]


def test_a_zip_missing_from_the_mirror_is_named(data_dir, tmp_path):
    (mirror := tmp_path / "mirror").mkdir()
    message = refusal(data_dir, "hcpcs", mirror_dir=mirror)
    assert message == f"hcpcs: {zip_for('hcpcs')} was not found in the mirror folder {mirror}"
    assert nothing_kept(data_dir)


def test_a_file_its_importer_refuses_keeps_nothing_of_that_dataset(release_server, data_dir):
    broken = ptp_text(2).replace("Column1/Column2 Edits", "Column one edits")
    name = zip_for("ncci_ptp_practitioner").replace("-f1.zip", "-f2.zip")
    write_zip(release_server.cms / name, {"ccipra-v320r0-f2.txt": broken.encode()})
    message = refusal(data_dir, "hcpcs", "ncci_ptp_practitioner", "mue_practitioner")
    assert message.startswith("ncci_ptp_practitioner: the import was refused: ccipra-v320r0-f2.txt, line 2")
    # HCPCS came before it and stays, whole; MUE came after it and was not reached.
    assert loaded() == ["hcpcs 2026-01", "hcpcs_modifier 2026-01"]
    assert files_in(data_dir) == ["hcpcs/hcpcs-2026-01/HCPC2026_JAN_ANWEB.txt"]


def test_without_import_the_files_are_placed_only(release_server, data_dir):
    fetched = fetch(data_dir, "gpci", import_files=False)
    assert loaded() == []
    assert fetched[0].folder == data_dir / "mpfs" / "gpci-2026-01"
    assert files_in(data_dir) == ["mpfs/gpci-2026-01/GPCI2026.csv"]


def test_it_removes_what_a_killed_run_left(release_server, data_dir):
    leftover = data_dir / ".partial" / "run-killed" / "staged" / "hcpcs"
    leftover.mkdir(parents=True)
    (leftover / "HCPC2026_JAN_ANWEB.txt").write_text("half a file")
    fetch(data_dir, "gpci")
    assert files_in(data_dir) == ["mpfs/gpci-2026-01/GPCI2026.csv"]


def test_months_of_one_release_fetch_it_once(release_server, data_dir):
    fetched = release_files_fetch(data_dir=data_dir, datasets=["icd10pcs", "gpci"], releases=["2026-03", "2026-01"])
    # January and March 2026 are both in FY2026 for PCS and in the first quarter for GPCI.
    assert [(item.dataset, item.release) for item in fetched] == [("icd10pcs", "2025-10"), ("gpci", "2026-01")]
    assert len(release_server.requests) == 2


def test_the_plan_runs_oldest_release_first():
    plan = fetch_plan(datasets=["hcpcs"], releases=["2026-07", "2025-10"], today=datetime.date(2026, 1, 5))
    assert [(source.name, start) for source, start in plan] == [("hcpcs", (2025, 10)), ("hcpcs", (2026, 7))]
    today = fetch_plan(datasets=["icd10cm"], releases=None, today=datetime.date(2026, 5, 5))
    assert [(source.name, start) for source, start in today] == [("icd10cm", (2026, 4))]


def test_an_unknown_dataset_or_release_month_is_a_value_error(data_dir):
    with pytest.raises(ValueError, match="unknown dataset cpt"):
        release_files_fetch(data_dir=data_dir, datasets=["cpt"])
    with pytest.raises(ValueError, match="'2026-13' is not a release month like 2026-07"):
        release_files_fetch(data_dir=data_dir, releases=["2026-13"])


def test_a_download_without_a_length_is_cut_off_at_the_limit(data_dir, settings, monkeypatch):
    """A server may send no Content-Length: the size is then capped as it streams."""

    class Endless(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(64):
                    self.wfile.write(b"PK" * 32_768)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endless)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.FETCH_CMS_BASE_URL = f"http://127.0.0.1:{server.server_address[1]}/"
        bounds_set(monkeypatch, "hcpcs", max_bytes=2_000_000)
        message = refusal(data_dir, "hcpcs")
    finally:
        server.shutdown()
        server.server_close()
    assert "is larger than the 2,000,000 bytes expected (at least 2," in message
    assert nothing_kept(data_dir)
