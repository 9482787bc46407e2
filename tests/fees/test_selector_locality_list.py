import datetime

import pytest

from codingdesk.fees.selectors import locality_list
from codingdesk.fees.services import fee_release_import

from .fee_files import gpci_text, write_gpci

pytestmark = pytest.mark.django_db


def test_it_lists_the_localities_by_state_then_name(fee_releases):
    release, localities = locality_list(on=datetime.date(2026, 6, 1))
    assert release == fee_releases.gpci
    assert [(gpci.state, gpci.key, gpci.locality_name) for gpci in localities] == [
        ("AK", "02102-01", "ALASKA"),
        ("AL", "10112-00", "ALABAMA"),
        ("CA", "01112-54", "BAKERSFIELD"),
        ("HI", "01212-01", "HAWAII, GUAM"),
        ("MT", "03202-01", "MONTANA"),
        ("NY", "13202-01", "MANHATTAN"),
    ]


def test_it_lists_the_release_in_force_on_the_date_or_the_newest(tmp_path, gpci_file):
    fee_release_import(dataset="gpci", paths=[gpci_file])
    older = gpci_text().replace("2026", "2025").replace("MANHATTAN", "MANHATTAN (2025)")
    fee_release_import(dataset="gpci", paths=[write_gpci(tmp_path, older, name="GPCI2025.csv")])
    release, localities = locality_list(on=datetime.date(2025, 7, 1))
    assert release.version == "2025"
    assert "MANHATTAN (2025)" in [gpci.locality_name for gpci in localities]
    assert locality_list()[0].version == "2026"


def test_it_lists_nothing_without_a_release_in_force(fee_releases):
    release, localities = locality_list(on=datetime.date(2024, 1, 1))
    assert release is None
    assert list(localities) == []
