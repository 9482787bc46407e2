import datetime
from decimal import Decimal

import pytest

from codingdesk.fees import indicators
from codingdesk.fees.lookup import (
    CodeNotInRvuFile,
    FeeQueryInvalid,
    NoReleaseInForce,
    UnknownLocality,
    fee_lookup,
)
from codingdesk.fees.services import fee_release_import

from .fee_files import PPRRVU_FIRST_ROW_LINE, pprrvu_text, read_rows, rows_text, write_gpci, write_pprrvu

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)
BAKERSFIELD, MANHATTAN, ALABAMA = "01112-54", "13202-01", "10112-00"


def lookup(code: str, modifier: str = "", locality: str = BAKERSFIELD, on: datetime.date = DAY):
    return fee_lookup(code=code, modifier=modifier, locality=locality, date_of_service=on)


def test_it_prices_a_code_by_the_cms_formula(fee_releases):
    result = lookup("99213")
    # 99213 in Bakersfield (MAC 01112, locality 54), conversion factor 33.4009:
    #   work     1.30 x 1.019 = 1.32470
    #   PE (NF)  1.21 x 1.096 = 1.32616
    #   MP       0.10 x 0.609 = 0.06090
    #                           -------
    #                           2.71176 x 33.4009 = 90.575224584 -> 90.58
    assert result.non_facility_amount == Decimal("90.58")
    #   PE (F)   0.55 x 1.096 = 0.60280
    #   1.32470 + 0.60280 + 0.06090 = 1.98840 x 33.4009 = 66.414349560 -> 66.41
    assert result.facility_amount == Decimal("66.41")
    assert result.conversion_factor == Decimal("33.4009")
    row, gpci = result.relative_value, result.locality
    assert (row.work_rvu, row.non_facility_pe_rvu, row.facility_pe_rvu, row.mp_rvu) == (
        Decimal("1.30"), Decimal("1.21"), Decimal("0.55"), Decimal("0.10"),
    )
    assert (gpci.work_gpci, gpci.pe_gpci, gpci.mp_gpci) == (Decimal("1.019"), Decimal("1.096"), Decimal("0.609"))
    assert (result.rvu_release, result.gpci_release) == fee_releases
    assert result.payment_notes == []


def test_it_prices_the_professional_and_technical_components(fee_releases):
    # 71046-26 in Manhattan: 0.22 x 1.064 + 0.08 x 1.162 + 0.01 x 1.586
    #   = 0.23408 + 0.09296 + 0.01586 = 0.34290 x 33.4009 = 11.45316861 -> 11.45
    professional = lookup("71046", "26", MANHATTAN)
    assert professional.modifier == "26"
    assert professional.non_facility_amount == professional.facility_amount == Decimal("11.45")
    assert professional.indicators["modifier"] == indicators.Indicator("26", "Professional component.")
    # 71046-TC: 0.00 x 1.064 + 0.71 x 1.162 + 0.01 x 1.586
    #   = 0 + 0.82502 + 0.01586 = 0.84088 x 33.4009 = 28.086148792 -> 28.09
    technical = lookup("71046", "tc ", MANHATTAN)
    assert technical.modifier == "TC"
    assert technical.non_facility_amount == Decimal("28.09")
    # The global row (no modifier) is a row of its own.
    assert lookup("71046", "", MANHATTAN).non_facility_amount == Decimal("39.54")


def test_an_na_setting_has_no_amount(fee_releases):
    result = lookup("99223", locality=ALABAMA)
    assert result.non_facility_amount is None
    # 3.50 x 1.000 + 1.40 x 0.875 + 0.35 x 0.566 = 3.5 + 1.225 + 0.1981 = 4.9231
    #   x 33.4009 = 164.43597079 -> 164.44
    assert result.facility_amount == Decimal("164.44")
    assert result.indicators["non_facility_na"].code == "NA"
    assert "rarely or never performed in the non-facility setting" in result.indicators["non_facility_na"].meaning
    assert result.indicators["facility_na"] == indicators.Indicator("", "Priced in the facility setting.")
    assert result.payment_notes == [
        "NA: rarely or never performed in the non-facility setting; the fee schedule gives no non-facility amount."
    ]


def test_it_explains_every_indicator(fee_releases):
    result = lookup("27447")
    found = {name: item.code for name, item in result.indicators.items()}
    assert found == {
        "status_code": "A", "modifier": "", "pctc_indicator": "0", "global_days": "090", "mult_proc": "2",
        "bilat_surg": "1", "asst_surg": "2", "co_surg": "1", "team_surg": "0", "non_facility_na": "NA",
        "facility_na": "",
    }
    meanings = {name: item.meaning for name, item in result.indicators.items()}
    assert meanings["status_code"].startswith("Active code: paid separately under the physician fee schedule")
    assert meanings["global_days"].startswith("90-day global: major surgery")
    assert "150%" in meanings["bilat_surg"]
    assert meanings["asst_surg"] == "Assistant at surgery may be paid."
    assert meanings["co_surg"].startswith("Co-surgeons could be paid")
    assert meanings["team_surg"] == "Team surgeons (modifier 66) are not permitted."
    assert meanings["modifier"].startswith("No modifier: the global service")


def test_a_status_not_used_for_payment_has_no_amount(fee_releases):
    result = lookup("99080")
    assert (result.non_facility_amount, result.facility_amount) == (None, None)
    assert result.indicators["status_code"].meaning.startswith("Bundled code")
    assert result.payment_notes == [
        "Status B: CMS uses the RVUs of status A, R and T codes only for Medicare payment, "
        "so no fee schedule amount is given."
    ]
    assert lookup("A0425").indicators["status_code"].meaning.startswith("Statutory exclusion")


def test_a_paid_status_without_rvus_has_no_amount(fee_releases):
    result = lookup("D0140")
    assert (result.non_facility_amount, result.facility_amount) == (None, None)
    assert "the MAC prices the service" in result.payment_notes[0]


def test_it_rounds_half_a_cent_up(tmp_path):
    rows = read_rows(pprrvu_text())
    for row in rows[PPRRVU_FIRST_ROW_LINE - 1 :]:
        row[24] = "10.0050"
    rows[PPRRVU_FIRST_ROW_LINE - 1][5:11] = ["1.00", "0.00", "", "0.00", "", "0.00"]
    fee_release_import(dataset="rvu", paths=[write_pprrvu(tmp_path, rows_text(rows))])
    fee_release_import(dataset="gpci", paths=[write_gpci(tmp_path)])
    # 1.00 x 1.000 x 10.0050 = 10.005: half up gives 10.01 (half even would give 10.00).
    assert lookup("99213", locality=ALABAMA).non_facility_amount == Decimal("10.01")


def test_a_value_the_documentation_does_not_describe_is_said_to_be_so(tmp_path):
    rows = read_rows(pprrvu_text())
    rows[PPRRVU_FIRST_ROW_LINE - 1][18] = "8"
    fee_release_import(dataset="rvu", paths=[write_pprrvu(tmp_path, rows_text(rows))])
    fee_release_import(dataset="gpci", paths=[write_gpci(tmp_path)])
    assert lookup("99213").indicators["mult_proc"] == indicators.Indicator("8", indicators.UNDESCRIBED)


def test_it_reads_codes_and_localities_in_any_case_and_spacing(fee_releases):
    assert lookup(" d0140 ", locality=f" {ALABAMA} ").code == "D0140"


def test_an_unknown_locality_is_named(fee_releases):
    with pytest.raises(UnknownLocality) as error:
        lookup("99213", locality="10112-99")
    assert error.value.detail == "The 2026 GPCI file has no Medicare locality 10112-99."


def test_a_code_not_in_the_rvu_file_is_named(fee_releases):
    with pytest.raises(CodeNotInRvuFile) as error:
        lookup("99999")
    assert error.value.detail == "The 2026-A RVU file has no row for 99999."


def test_a_missing_modifier_row_lists_the_rows_the_code_has(fee_releases):
    with pytest.raises(CodeNotInRvuFile) as error:
        lookup("71046", "53")
    assert error.value.detail == (
        "The 2026-A RVU file has no row for 71046-53. It has 71046 (no modifier), 71046-26, 71046-TC."
    )


def test_no_release_in_force_names_the_missing_files(db):
    with pytest.raises(NoReleaseInForce) as error:
        lookup("99213")
    assert error.value.detail == (
        "Cannot price a service on 2026-03-02: no RVU file (PPRRVU) and no GPCI file (Addendum E) "
        "in force on that date has been imported."
    )


def test_a_date_before_the_releases_names_what_is_missing(fee_releases):
    with pytest.raises(NoReleaseInForce) as error:
        lookup("99213", on=datetime.date(2025, 12, 31))
    assert error.value.datasets == ["rvu", "gpci"]


def test_a_date_after_the_year_of_the_releases_is_not_priced_with_them(fee_releases):
    """A fee schedule prices one calendar year: its conversion factor is not next year's."""
    with pytest.raises(NoReleaseInForce) as error:
        lookup("99213", on=datetime.date(2027, 1, 4))
    assert "no RVU file (PPRRVU) and no GPCI file (Addendum E)" in error.value.detail


def test_only_the_missing_dataset_is_named(gpci_file):
    fee_release_import(dataset="gpci", paths=[gpci_file])
    with pytest.raises(NoReleaseInForce) as error:
        lookup("99213")
    assert error.value.detail == (
        "Cannot price a service on 2026-03-02: no RVU file (PPRRVU) in force on that date has been imported."
    )


def test_it_prices_with_the_release_in_force_on_the_date(fee_releases, tmp_path):
    april = pprrvu_text().replace("January", "April").replace("33.4009", "33.5000")
    fee_release_import(dataset="rvu", paths=[write_pprrvu(tmp_path, april, name="PPRRVU26_APR.csv")])
    assert lookup("99213", on=datetime.date(2026, 3, 31)).rvu_release.version == "2026-A"
    in_april = lookup("99213", on=datetime.date(2026, 4, 1))
    assert (in_april.rvu_release.version, in_april.conversion_factor) == ("2026-B", Decimal("33.5000"))


@pytest.mark.parametrize(
    "code, modifier, locality, problem",
    [
        ("9921", "", ALABAMA, "'9921' is not a HCPCS or CPT code"),
        ("99213;", "", ALABAMA, "is not a HCPCS or CPT code"),
        ("99213", "265", ALABAMA, "'265' is not a modifier"),
        ("99213", "", "10112", "'10112' is not a Medicare locality: write <MAC>-<locality number>, e.g. 10112-00."),
        ("99213", "", "AL-00", "is not a Medicare locality"),
    ],
)
def test_it_refuses_a_query_that_cannot_be_one(fee_releases, code, modifier, locality, problem):
    with pytest.raises(FeeQueryInvalid) as error:
        lookup(code, modifier, locality)
    assert problem in error.value.detail


def test_a_lookup_takes_one_query(fee_releases, django_assert_num_queries):
    """The RVU row and the GPCIs, each with its release: what keeps a lookup under 5 ms."""
    with django_assert_num_queries(1):
        result = lookup("99213")
    with django_assert_num_queries(0):
        assert (result.rvu_release.version, result.gpci_release.version) == ("2026-A", "2026")


def test_an_import_committed_during_the_lookup_is_read_again(fee_releases, monkeypatch):
    from codingdesk.fees import selectors

    real = selectors.fee_rows_in_force
    answers = iter([None])
    monkeypatch.setattr(selectors, "fee_rows_in_force", lambda **kwargs: next(answers, None) or real(**kwargs))
    assert lookup("99213").non_facility_amount == Decimal("90.58")
