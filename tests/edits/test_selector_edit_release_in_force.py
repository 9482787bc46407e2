import datetime

import pytest

from codingdesk.edits.selectors import EditReleaseNotLoaded, edit_release_in_force

from .conftest import import_mue, import_ptp
from .ncci_files import mue_line, ptp_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases(tmp_path):
    lines = [ptp_line("11042", "97597")]
    return {
        "april": import_ptp(tmp_path, lines, name="ccipra-v321r0-f1.txt"),
        "july": import_ptp(tmp_path, lines, name="ccipra-v322r0-f1.txt"),
        "mue": import_mue(tmp_path, [mue_line("11042", 1)]),
    }


@pytest.mark.parametrize(
    "day, expected",
    [("2026-04-01", "april"), ("2026-06-30", "april"), ("2026-07-01", "july"), ("2031-01-01", "july")],
)
def test_it_picks_the_release_that_covers_the_date_of_service(releases, day, expected):
    in_force = edit_release_in_force(dataset="ptp_practitioner", date_of_service=datetime.date.fromisoformat(day))
    assert in_force == releases[expected]


def test_a_date_before_every_release_names_the_dataset_and_the_date(releases):
    with pytest.raises(EditReleaseNotLoaded) as error:
        edit_release_in_force(dataset="ptp_practitioner", date_of_service=datetime.date(2026, 3, 31))
    assert (error.value.dataset, error.value.date_of_service) == ("ptp_practitioner", datetime.date(2026, 3, 31))
    assert "NCCI PTP edits, practitioner" in str(error.value)
    assert "2026-03-31" in str(error.value)
    assert "ccipra" in str(error.value)


def test_another_datasets_releases_do_not_count(releases):
    with pytest.raises(EditReleaseNotLoaded) as error:
        edit_release_in_force(dataset="mue_hospital", date_of_service=datetime.date(2026, 7, 1))
    assert "MCR_MUE_OutpatientHospitalServices" in str(error.value)
