"""The official NCCI samples in CODINGDESK_DATA_DIR/ncci: the PTP header and
rows of ccipra v32.2 and the first 44 codes of the July 2026 practitioner MUE
file. Run with CODINGDESK_DATA_DIR=../shared/data."""

import datetime

import pytest

from codingdesk.edits.checks import ClaimCode, mue_check, ptp_check
from codingdesk.edits.importers import mue, ptp
from codingdesk.edits.services import edit_release_import

pytestmark = [pytest.mark.official_data, pytest.mark.django_db]

PTP_SAMPLE = "ncci/ccipra-v322r0-f1.HEADER_AND_SAMPLE_ROWS.txt"
MUE_EXCERPT = "ncci/MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv"
JULY_15 = datetime.date(2026, 7, 15)


def test_the_official_ptp_sample_is_read_whole(official_data_dir):
    parsed = ptp.parse([official_data_dir / PTP_SAMPLE])
    assert (parsed.dataset, parsed.version, parsed.effective_from) == ("ptp_practitioner", "32.2", datetime.date(2026, 7, 1))
    rows = list(parsed.rows)
    assert len(rows) == parsed.expected_rows == 6
    assert rows[3] == ("0001A", "36591", False, datetime.date(2022, 1, 1), datetime.date(2023, 12, 31), "0", rows[0][6])
    assert rows[4][:6] == ("0001U", "0030U", False, datetime.date(2018, 7, 1), None, "1")


def test_the_official_mue_excerpt_is_read_whole(official_data_dir):
    parsed = mue.parse([official_data_dir / MUE_EXCERPT])
    assert (parsed.dataset, parsed.version) == ("mue_practitioner", "2026-07-01")
    assert len(parsed.rows) == 44
    assert {mai for _, _, mai, _ in parsed.rows} == {"2", "3"}


def test_a_claim_is_checked_against_the_official_samples(official_data_dir):
    edit_release_import(dataset="ptp_practitioner", paths=[official_data_dir / PTP_SAMPLE])
    edit_release_import(dataset="mue_practitioner", paths=[official_data_dir / MUE_EXCERPT])
    lines = [ClaimCode("0001U"), ClaimCode("0030U", ("59",)), ClaimCode("0001A"), ClaimCode("36591")]
    findings = ptp_check(lines=lines, date_of_service=JULY_15, setting="practitioner").findings
    # 0001A/36591 was deleted at the end of 2023.
    assert [(f.column1, f.column2, f.bypassed_by) for f in findings] == [("0001U", "0030U", "59")]
    finding = mue_check(code="0009U", units=3, date_of_service=JULY_15, setting="practitioner")
    assert (finding.mue, finding.mai, finding.exceeds) == (2, "3", True)
