"""claim_scrub: findings by layer (PTP, MUE, fee status), each explained and
traced to its source row, and a notice for a layer without data."""

import datetime

import pytest

from codingdesk.claims.parsing import claim_text_parse
from codingdesk.claims.scrub import claim_scrub

from .claim_data import JULY_15, import_ncci

pytestmark = pytest.mark.django_db


def scrub(text: str, day: datetime.date = JULY_15, setting: str = "practitioner"):
    return claim_scrub(lines=claim_text_parse(text), date_of_service=day, setting=setting)


def only(findings):
    assert len(findings) == 1, findings
    return findings[0]


def by_code(findings) -> dict:
    return {finding.code: finding for finding in findings}


# PTP


def test_an_indicator_0_pair_is_not_paid_whatever_the_modifier(all_layers):
    edit = only(scrub("0001A 1 A\n36591-59 1 A").layers["ptp"].findings)
    assert (edit.column1, edit.column2, edit.column1_line, edit.column2_line) == ("0001A", "36591", 1, 2)
    assert (edit.modifier_indicator, edit.bypassed, edit.bypassed_by, edit.needs_attention) == ("0", False, None, True)
    assert edit.rationale == "Standards of medical / surgical practice"
    assert edit.explanation.startswith(
        "Column 2 code 36591 is bundled into column 1 code 0001A. Modifier indicator 0: no modifier allows "
        "billing both on the same date of service"
    )
    assert "Edit in force from 2021-01-01." in edit.explanation


def test_an_indicator_1_pair_without_a_modifier_is_not_paid(all_layers):
    edit = only(scrub("11042 1 A\n97597 1 A").layers["ptp"].findings)
    assert (edit.modifier_indicator, edit.bypassed, edit.needs_attention) == ("1", False, True)
    assert "Modifier indicator 1: both can be paid only with an NCCI-associated modifier" in edit.explanation
    assert "these lines have none, so 97597 is not paid separately" in edit.explanation


def test_59_on_the_column_2_line_bypasses_an_indicator_1_pair(all_layers):
    edit = only(scrub("11042 1 A\n97597-59 1 A").layers["ptp"].findings)
    assert (edit.bypassed, edit.bypassed_by, edit.bypassed_on, edit.needs_attention) == (True, "59", "column2", False)
    assert "59 on the column 2 line does: both codes can be paid" in edit.explanation


def test_xu_on_the_column_1_line_also_bypasses_it(all_layers):
    edit = only(scrub("97597 1 A\n11042-XU 1 A").layers["ptp"].findings)
    assert (edit.column1_line, edit.column2_line) == (2, 1)
    assert (edit.bypassed, edit.bypassed_by, edit.bypassed_on) == (True, "XU", "column1")
    assert "NCCI policy puts the modifier on the column 2 code" in edit.explanation


def test_a_ptp_finding_names_its_source_row_and_api_lookup(all_layers):
    layer = scrub("11042 1 A\n97597-59 1 A").layers["ptp"]
    edit = only(layer.findings)
    assert layer.notice is None
    assert layer.release["version"] == "32.2"
    assert edit.source == {
        "dataset": "ptp_practitioner", "release": "32.2", "column1": "11042", "column2": "97597",
        "effective": "2009-01-01",
    }
    assert edit.source_url == "/api/v1/edits/ptp?codes=11042,97597-59&date=2026-07-15&setting=practitioner"


def test_unbypassed_edits_come_first(all_layers):
    findings = scrub("11042 1 A\n97597-59 1 A\n0001A 1 B\n36591 1 B").layers["ptp"].findings
    assert [(edit.column2, edit.needs_attention) for edit in findings] == [("36591", True), ("97597", False)]


def test_lines_without_edits_between_them_have_no_ptp_findings(all_layers):
    layer = scrub("99213-25 1 A\nJ1100 4 A").layers["ptp"]
    assert (layer.notice, layer.findings) == (None, [])


# MUE


def test_mai_1_units_are_checked_line_by_line(all_layers):
    findings = scrub("11042 1 A\n11042-59 2 B").layers["mue"].findings
    assert [(item.lines, item.units, item.mue, item.exceeds) for item in findings] == [
        ([2], 2, 1, True), ([1], 1, 1, False),
    ]
    assert findings[0].explanation.startswith("Line 2: 2 units exceed the MUE of 1 for 11042. MAI 1 is a claim line edit")
    assert findings[0].explanation.endswith("MUE rationale: Anatomic Consideration.")


def test_mai_2_units_are_summed_over_the_lines_of_the_code(all_layers):
    finding = only(scrub("20610-RT 1 A\n20610-LT 2 A").layers["mue"].findings)
    assert (finding.code, finding.lines, finding.units, finding.mue, finding.mai) == ("20610", [1, 2], 3, 2, "2")
    assert (finding.exceeds, finding.needs_attention) == (True, True)
    assert finding.explanation.startswith("Lines 1 and 2 bill 20610; as a date of service edit its MUE counts their 3")
    assert "cannot be paid, not even on appeal" in finding.explanation


def test_mai_3_units_within_the_mue_need_no_attention(all_layers):
    finding = only(scrub("J1100 3 A").layers["mue"].findings)
    assert (finding.units, finding.mue, finding.mai, finding.exceeds, finding.needs_attention) == (3, 3, "3", False, False)


def test_a_code_without_an_mue_says_so(all_layers):
    finding = only(scrub("99213 1 A").layers["mue"].findings)
    assert (finding.mue, finding.mai, finding.exceeds) == (None, None, False)
    assert "No MUE is published for 99213" in finding.explanation


def test_an_mue_finding_names_its_source_row_and_api_lookup(all_layers):
    finding = only(scrub("20610-RT 1 A\n20610-LT 2 A").layers["mue"].findings)
    assert finding.source == {"dataset": "mue_practitioner", "release": "2026-07-01", "code": "20610"}
    assert finding.source_url == "/api/v1/edits/mue?code=20610&units=3&date=2026-07-15&setting=practitioner"


# Fee schedule status


@pytest.mark.parametrize(
    "code, status, meaning",
    [
        ("99080", "B", "Bundled code: payment is always bundled into payment for other services."),
        ("A9270", "N", "Non-covered service: not covered by Medicare."),
        ("99201", "I", "Not valid for Medicare purposes: Medicare uses another code"),
    ],
)
def test_a_status_other_than_a_is_explained_and_needs_attention(all_layers, code, status, meaning):
    finding = only(scrub(f"{code} 1 A").layers["fee_status"].findings)
    assert (finding.code, finding.status_code, finding.in_fee_schedule, finding.needs_attention) == (
        code, status, True, True,
    )
    assert finding.status_meaning.startswith(meaning)
    assert finding.explanation.startswith(f"{code} has status {status} in the 2026-A RVU file. {meaning}")


def test_status_a_needs_no_attention(all_layers):
    finding = only(scrub("99213-25 1 A").layers["fee_status"].findings)
    assert (finding.status_code, finding.modifier, finding.needs_attention) == ("A", "", False)


def test_a_code_outside_the_fee_schedule_is_normal_for_many_hcpcs(all_layers):
    finding = only(scrub("J1100 4 A").layers["fee_status"].findings)
    assert (finding.in_fee_schedule, finding.status_code, finding.needs_attention, finding.source_url) == (
        False, None, False, None,
    )
    assert "J1100 is not in the 2026-A physician fee schedule RVU file. That is normal for many HCPCS" in (
        finding.explanation
    )


def test_a_professional_component_line_reads_the_26_row(all_layers):
    finding = only(scrub("71046-26 1 A").layers["fee_status"].findings)
    assert (finding.code, finding.modifier, finding.status_code) == ("71046", "26", "A")
    assert finding.explanation.startswith("71046-26 has status A")


def test_lines_of_one_code_share_a_fee_status_finding(all_layers):
    findings = scrub("99080 1 A\n99213 1 A\n99080-59 1 B").layers["fee_status"].findings
    assert [(item.code, item.lines) for item in findings] == [("99080", [1, 3]), ("99213", [2])]


def test_a_fee_status_finding_names_its_source_row_and_api_lookup(all_layers):
    finding = only(scrub("99080 1 A").layers["fee_status"].findings)
    assert finding.source == {"dataset": "rvu", "release": "2026-A", "code": "99080", "modifier": ""}
    assert finding.source_url.startswith("/api/v1/fees?code=99080&modifier=&locality=")
    assert finding.source_url.endswith("&date=2026-07-15")


def test_a_hospital_claim_is_told_the_status_is_the_physician_fee_schedules(tmp_path, fee_schedule):
    import_ncci(tmp_path / "hospital", setting="hospital")
    result = scrub("99080 1 A\n0001A 1 A\n36591 1 A", setting="hospital")
    assert "paid under OPPS" in result.layers["fee_status"].notice
    assert only(result.layers["fee_status"].findings[:1]).status_code == "B"
    assert only(result.layers["ptp"].findings).source["dataset"] == "ptp_hospital"


# Missing data


def test_each_layer_without_data_gets_a_notice_and_no_findings(db):
    result = scrub("11042 1 A\n97597 1 A")
    assert result.layers["ptp"].notice.startswith("No NCCI PTP data is loaded for 2026-07-15 (practitioner)")
    assert result.layers["mue"].notice.startswith("No MUE data is loaded for 2026-07-15 (practitioner)")
    assert result.layers["fee_status"].notice.startswith("No physician fee schedule RVU file is loaded for 2026-07-15")
    assert all(layer.findings == [] and layer.release is None for layer in result.layers.values())


def test_a_date_before_the_ncci_releases_still_gets_fee_status(all_layers):
    result = scrub("99080 1 A\n99213 2 A", day=datetime.date(2026, 6, 30))
    assert result.layers["ptp"].notice.startswith("No NCCI PTP data is loaded for 2026-06-30 (practitioner)")
    assert result.layers["mue"].notice.startswith("No MUE data is loaded for 2026-06-30")
    assert [item.status_code for item in result.layers["fee_status"].findings] == ["B", "A"]


def test_a_date_after_the_fee_year_still_gets_ncci_findings(all_layers):
    result = scrub("11042 2 A\n97597 1 A", day=datetime.date(2027, 1, 4))
    assert result.layers["fee_status"].notice.startswith("No physician fee schedule RVU file is loaded for 2027-01-04")
    assert result.layers["fee_status"].findings == []
    assert len(result.layers["ptp"].findings) == 1
    assert result.layers["mue"].findings[0].exceeds


def test_the_hospital_setting_has_its_own_ncci_data(all_layers):
    result = scrub("11042 1 A\n97597 1 A", setting="hospital")
    assert result.layers["ptp"].notice.startswith("No NCCI PTP data is loaded for 2026-07-15 (outpatient hospital)")
    assert result.layers["mue"].notice.startswith("No MUE data is loaded for 2026-07-15 (outpatient hospital)")


def test_an_unknown_setting_is_refused(db):
    with pytest.raises(ValueError, match="'dme' is not a setting"):
        scrub("99213 1 A", setting="dme")
