import datetime

import pytest

from codingdesk.edits.checks import mue_check
from codingdesk.edits.selectors import EditReleaseNotLoaded

from .conftest import import_mue
from .ncci_files import mue_line

pytestmark = pytest.mark.django_db

JULY_15 = datetime.date(2026, 7, 15)


@pytest.fixture
def july(tmp_path):
    return import_mue(
        tmp_path,
        [
            mue_line("11042", 1, "1", "Anatomic Consideration"),
            mue_line("20610", 2, "2", "Code Descriptor / CPT Instruction"),
            mue_line("97110", 6, "3", "Clinical: Data"),
        ],
    )


def check(code: str, units: int, setting: str = "practitioner", day: datetime.date = JULY_15):
    return mue_check(code=code, units=units, date_of_service=day, setting=setting)


@pytest.mark.parametrize("code, mue", [("11042", 1), ("20610", 2), ("97110", 6)])
def test_units_equal_to_the_mue_do_not_exceed_it(july, code, mue):
    finding = check(code, mue)
    assert (finding.mue, finding.exceeds) == (mue, False)
    units = "1 unit is" if mue == 1 else f"{mue} units are"
    assert f"{units} within the MUE of {mue}" in finding.mai_meaning


def test_mai_1_is_a_claim_line_edit(july):
    finding = check("11042", 2)
    assert (finding.code, finding.units, finding.mue, finding.mai, finding.exceeds) == ("11042", 2, 1, "1", True)
    assert finding.rationale == "Anatomic Consideration"
    assert "claim line edit" in finding.mai_meaning
    assert "separate lines" in finding.mai_meaning


def test_mai_2_cannot_be_paid_above_the_limit_even_on_appeal(july):
    finding = check("20610", 3)
    assert (finding.mai, finding.exceeds) == ("2", True)
    assert "policy" in finding.mai_meaning
    assert "cannot be paid, not even on appeal" in finding.mai_meaning


def test_mai_3_may_be_paid_on_appeal_with_documentation(july):
    finding = check("97110", 7)
    assert (finding.mai, finding.exceeds) == ("3", True)
    assert "clinical" in finding.mai_meaning
    assert "may be paid on appeal with documentation" in finding.mai_meaning


def test_a_code_without_an_mue_says_so(july):
    finding = check("99213", 3)
    assert (finding.mue, finding.mai, finding.exceeds, finding.rationale) == (None, None, False, "")
    assert finding.mai_meaning.startswith("No MUE is published for 99213")


def test_the_code_is_read_in_any_case(july):
    assert check(" j1100 ", 1).code == "J1100"


def test_each_setting_reads_its_own_file(july, tmp_path):
    import_mue(tmp_path, [mue_line("E0601", 1, "3")], name="MCR_MUE_DMESupplierServices_Eff_07-01-2026.csv")
    assert check("E0601", 2, setting="dme").exceeds
    assert check("E0601", 2).mue is None
    with pytest.raises(EditReleaseNotLoaded):
        check("E0601", 2, setting="hospital")


def test_a_date_before_the_release_is_an_error(july):
    with pytest.raises(EditReleaseNotLoaded, match="2026-06-30"):
        check("11042", 1, day=datetime.date(2026, 6, 30))
