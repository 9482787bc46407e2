"""The fee lookup's hand-written query must read every field exactly as the
ORM does, on SQLite and PostgreSQL alike."""

import datetime

import pytest

from codingdesk.fees.models import FeeRelease, Gpci, RelativeValue
from codingdesk.fees.selectors import fee_rows_in_force
from codingdesk.fees.services import fee_release_import

from .fee_files import pprrvu_text, write_pprrvu

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 30)


def fields(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


@pytest.mark.parametrize("code, modifier", [("27447", ""), ("71046", "TC"), ("99080", "")])
def test_it_reads_the_rows_and_their_releases_as_the_orm_does(fee_releases, code, modifier):
    row, gpci = fee_rows_in_force(code=code, modifier=modifier, mac="02102", locality_number="01", on=DAY)
    assert fields(row) == fields(RelativeValue.objects.get(code=code, modifier=modifier))
    assert fields(gpci) == fields(Gpci.objects.get(mac="02102", locality_number="01"))
    assert fields(row.release) == fields(FeeRelease.objects.get(dataset="rvu"))
    assert fields(gpci.release) == fields(FeeRelease.objects.get(dataset="gpci"))
    assert isinstance(row.non_facility_na, bool) and isinstance(gpci.release.effective_from, datetime.date)
    assert gpci.notes == ["Work GPCI reflects a 1.5 floor in Alaska established by the MIPPA."]


def test_it_reads_the_releases_in_force_on_the_date(fee_releases, tmp_path):
    april = pprrvu_text().replace("January", "April").replace("33.4009", "33.5000")
    fee_release_import(dataset="rvu", paths=[write_pprrvu(tmp_path, april, name="PPRRVU26_APR.csv")])
    def release_on(day: datetime.date) -> str:
        row, _ = fee_rows_in_force(code="99213", modifier="", mac="10112", locality_number="00", on=day)
        return row.release.version

    assert (release_on(datetime.date(2026, 3, 31)), release_on(datetime.date(2026, 4, 1))) == ("2026-A", "2026-B")


@pytest.mark.parametrize(
    "code, mac, on",
    [("99999", "10112", DAY), ("99213", "99999", DAY), ("99213", "10112", datetime.date(2027, 1, 1))],
    ids=["no-code", "no-locality", "no-release"],
)
def test_it_finds_nothing_when_any_part_is_missing(fee_releases, code, mac, on):
    assert fee_rows_in_force(code=code, modifier="", mac=mac, locality_number="00", on=on) is None
