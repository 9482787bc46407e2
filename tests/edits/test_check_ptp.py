import datetime

import pytest

from codingdesk.edits.checks import ClaimCode, ptp_check
from codingdesk.edits.selectors import EditReleaseNotLoaded

from .conftest import import_ptp
from .ncci_files import MISUSE, STANDARDS, ptp_line

pytestmark = pytest.mark.django_db

JULY_15 = datetime.date(2026, 7, 15)
# A v322 release (in force from 2026-07-01) with one edit for each case.
EDITS = [
    ptp_line("11042", "97597", effective="20090101", indicator="1"),
    ptp_line("11042", "97602", effective="19960101", indicator="0", rationale=STANDARDS, prior="*"),
    ptp_line("20610", "76942", effective="20150101", deletion="20260801", indicator="1"),
    ptp_line("20610", "20611", effective="20260901", indicator="1"),
    ptp_line("29881", "29880", effective="20220101", deletion="20220101", indicator="9"),
    ptp_line("29881", "29877", effective="20090101", indicator="1"),
]


@pytest.fixture
def july(tmp_path):
    return import_ptp(tmp_path, EDITS)


def claim(*codes: str) -> list[ClaimCode]:
    return [ClaimCode(code=code.split("-")[0], modifiers=tuple(code.split("-")[1:])) for code in codes]


def check(*codes: str, day: datetime.date = JULY_15, setting: str = "practitioner"):
    return ptp_check(lines=claim(*codes), date_of_service=day, setting=setting).findings


def pairs(findings) -> list[tuple]:
    return [(finding.column1, finding.column2, finding.bypassed, finding.bypassed_by) for finding in findings]


def test_it_reports_the_edit_with_its_details(july):
    (finding,) = check("11042", "97597")
    assert (finding.column1, finding.column2, finding.modifier_indicator) == ("11042", "97597", "1")
    assert (finding.rationale, finding.effective, finding.deletion) == (MISUSE, datetime.date(2009, 1, 1), None)
    assert (finding.bypassed, finding.bypassed_by, finding.bypassed_on) == (False, None, None)


def test_it_finds_the_pair_whatever_the_order_of_the_lines(july):
    assert pairs(check("97597", "99213", "11042")) == [("11042", "97597", False, None)]


def test_it_finds_every_pair_among_the_codes(july):
    found = pairs(check("11042", "97597", "97602", "29881", "29877"))
    assert sorted(found) == [
        ("11042", "97597", False, None),
        ("11042", "97602", False, None),
        ("29881", "29877", False, None),
    ]


def test_codes_without_edits_between_them_give_nothing(july):
    assert check("11042", "29881", "99213") == []
    assert check("11042") == []


def test_modifier_indicator_0_is_never_bypassed(july):
    (finding,) = check("11042", "97602-59")
    assert finding.modifier_indicator == "0"
    assert not finding.bypassed


def test_modifier_59_on_the_column_2_code_bypasses_indicator_1(july):
    (finding,) = check("11042", "97597-59")
    assert (finding.bypassed, finding.bypassed_by, finding.bypassed_on) == (True, "59", "column2")


def test_modifier_xu_bypasses_indicator_1(july):
    (finding,) = check("11042", "97597-XU")
    assert (finding.bypassed, finding.bypassed_by) == (True, "XU")


def test_a_modifier_on_the_column_1_code_bypasses_too_and_says_so(july):
    (finding,) = check("11042-59", "97597")
    assert (finding.bypassed, finding.bypassed_by, finding.bypassed_on) == (True, "59", "column1")


def test_the_column_2_modifier_is_the_one_reported(july):
    (finding,) = check("11042-XS", "97597-XU")
    assert (finding.bypassed_by, finding.bypassed_on) == ("XU", "column2")


def test_an_anatomic_modifier_bypasses_indicator_1(july):
    (finding,) = check("29881-RT", "29877-LT")
    assert (finding.bypassed, finding.bypassed_by, finding.bypassed_on) == (True, "LT", "column2")


def test_the_same_anatomic_modifier_on_both_lines_bypasses_nothing(july):
    (finding,) = check("29881-RT", "29877-RT")
    assert not finding.bypassed


def test_a_modifier_outside_the_ncci_list_bypasses_nothing(july):
    (finding,) = check("11042-26", "97597-GP")
    assert not finding.bypassed


def test_each_line_of_a_code_is_checked_on_its_own(july):
    found = check("11042", "97597", "97597-59")
    assert sorted(pairs(found)) == [("11042", "97597", False, None), ("11042", "97597", True, "59")]


def test_identical_lines_give_one_finding(july):
    assert len(check("11042", "97597", "97597")) == 1


def test_indicator_9_does_not_fire(july):
    # Deleted retroactively: CMS says no edit applies to the pair.
    assert pairs(check("29881", "29880")) == []


@pytest.mark.parametrize("day, fires", [("2026-07-31", True), ("2026-08-01", False), ("2026-09-30", False)])
def test_an_edit_stops_on_its_deletion_date(july, day, fires):
    found = check("20610", "76942", day=datetime.date.fromisoformat(day))
    assert bool(found) is fires
    if fires:
        assert found[0].deletion == datetime.date(2026, 8, 1)


@pytest.mark.parametrize("day, fires", [("2026-08-31", False), ("2026-09-01", True)])
def test_an_edit_starts_on_its_effective_date(july, day, fires):
    assert bool(check("20610", "20611", day=datetime.date.fromisoformat(day))) is fires


def test_codes_and_modifiers_are_read_in_any_case(july):
    (finding,) = ptp_check(
        lines=[ClaimCode(" 11042 "), ClaimCode("97597", ("xu",))], date_of_service=JULY_15, setting="practitioner"
    ).findings
    assert finding.bypassed_by == "XU"


def test_the_hospital_setting_reads_the_hospital_edits(july, tmp_path):
    import_ptp(tmp_path, [ptp_line("36415", "36591", indicator="0")], name="ccioph-v322r0-f1.txt")
    assert pairs(check("36415", "36591", setting="hospital")) == [("36415", "36591", False, None)]
    assert check("36415", "36591") == []
    assert check("11042", "97597", setting="hospital") == []


def test_the_release_in_force_on_the_date_is_used(july, tmp_path):
    april = import_ptp(tmp_path, [ptp_line("36415", "36591")], name="ccipra-v321r0-f1.txt")
    result = ptp_check(lines=claim("36415", "36591"), date_of_service=datetime.date(2026, 6, 30), setting="practitioner")
    assert result.release == april
    assert len(result.findings) == 1
    assert check("36415", "36591") == []


def test_a_date_without_a_release_is_an_error(july):
    with pytest.raises(EditReleaseNotLoaded):
        check("11042", "97597", day=datetime.date(2026, 6, 30))


def test_an_unknown_setting_is_an_error(july):
    with pytest.raises(ValueError, match="practitioner, hospital"):
        check("11042", "97597", setting="dme")


def test_a_claim_is_checked_in_two_queries(july, django_assert_num_queries):
    # The release in force, then every pair among the codes at once.
    with django_assert_num_queries(2):
        check("11042", "97597", "97602", "29881", "29877", "20610", "76942", "99213")
