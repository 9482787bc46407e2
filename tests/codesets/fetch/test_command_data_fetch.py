import io

import pytest
from django.core.management import CommandError, call_command

from codingdesk.codesets.models import Release
from codingdesk.edits.models import EditRelease
from codingdesk.fees.models import FeeRelease

from .conftest import files_in
from .release_zips import RELEASE, write_release_zips, zip_for

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("data_fetch", "--release", RELEASE, *args, stdout=out)
    return out.getvalue()


def test_it_prints_each_step_and_a_summary(release_server, data_dir):
    output = run("--only", "hcpcs", "gpci")
    assert f"hcpcs 2026-01: downloading {release_server.url}/cms/{zip_for('hcpcs')}" in output
    assert "hcpcs 2026-01: verified HCPC2026_JAN_ANWEB.txt" in output
    assert "hcpcs 2026-01: imported HCPCS" in output
    assert f"gpci 2026-01: files in {data_dir / 'mpfs' / 'gpci-2026-01'}" in output
    assert f"Fetched 2 datasets (2 ZIP files) into {data_dir}: 3 release(s) imported, 0 already loaded." in output
    assert "Search index rebuilt:" in output


def test_a_second_run_says_the_releases_are_already_loaded(release_server, data_dir):
    run("--only", "mue_hospital")
    output = run("--only", "mue_hospital")
    assert "mue_hospital 2026-01: already loaded: MUE, outpatient hospital services 2026-01-01" in output
    assert "0 release(s) imported, 1 already loaded." in output
    assert "Search index rebuilt" not in output


def test_a_failure_is_a_command_error_that_says_nothing_was_kept(release_server, data_dir):
    (release_server.cdc / zip_for("icd10cm")).unlink()
    with pytest.raises(CommandError) as error:
        run()
    url = f"{release_server.url}/cdc/2026/{zip_for('icd10cm')}"
    assert str(error.value) == (
        f"Fetch failed: icd10cm: {zip_for('icd10cm')} was not found at {url} (HTTP 404). "
        "Nothing of icd10cm was imported and its files were not kept."
    )
    assert Release.objects.count() == EditRelease.objects.count() == FeeRelease.objects.count() == 0
    assert files_in(data_dir) == []


def test_mirror_copies_from_a_folder_instead_of_downloading(data_dir, settings, tmp_path):
    write_release_zips(tmp_path / "mirror")
    settings.FETCH_CMS_BASE_URL = "http://127.0.0.1:9/"
    output = run("--only", "mue_practitioner", "--mirror", str(tmp_path / "mirror"))
    assert f"copying {zip_for('mue_practitioner')} from {tmp_path / 'mirror'}" in output
    assert EditRelease.objects.get().dataset == "mue_practitioner"


def test_no_import_places_the_files_and_imports_nothing(release_server, data_dir):
    output = run("--only", "pprrvu", "--no-import")
    assert "nothing imported (--no-import)." in output
    assert files_in(data_dir) == ["mpfs/pprrvu-2026-01/PPRRVU26_JAN.csv"]
    assert FeeRelease.objects.count() == 0


def test_it_refuses_a_mirror_folder_that_does_not_exist(data_dir, tmp_path):
    with pytest.raises(CommandError, match="The mirror folder .* does not exist."):
        run("--mirror", str(tmp_path / "nowhere"))


def test_it_refuses_a_release_that_is_not_a_month(data_dir):
    with pytest.raises(CommandError, match="'July' is not a release month like 2026-07"):
        run("--release", "July")


def test_it_refuses_an_unknown_dataset(data_dir):
    with pytest.raises(CommandError, match="invalid choice: 'cpt'"):
        run("--only", "cpt")
