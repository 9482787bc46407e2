"""Small NCCI, MUE, RVU and GPCI releases for the scrubber tests, imported
through the import services from files in the official layouts (see
tests/edits/ncci_files.py and tests/fees/fee_files.py). Codes are CPT/HCPCS
numbers only; the indicators are chosen for the tests, not copied from CMS,
and the RVU descriptors are invented."""

from __future__ import annotations

import datetime
from pathlib import Path

from codingdesk.fees.services import fee_release_import
from tests.edits.conftest import import_mue, import_ptp
from tests.edits.ncci_files import STANDARDS, mue_line, ptp_line
from tests.fees.fee_files import pprrvu_text, write_gpci, write_pprrvu

# In force for every release below: PTP 32.2 and MUE from 2026-07-01, the
# 2026 RVU and GPCI files for the calendar year.
JULY_15 = datetime.date(2026, 7, 15)

PTP_LINES = [
    ptp_line("11042", "97597", effective="20090101", indicator="1"),
    ptp_line("0001A", "36591", effective="20210101", indicator="0", rationale=STANDARDS),
    ptp_line("29881", "29880", effective="20220101", deletion="20220101", indicator="9"),
]
MUE_LINES = [
    mue_line("11042", 1, "1", "Anatomic Consideration"),
    mue_line("20610", 2, "2", "Code Descriptor / CPT Instruction"),
    mue_line("97110", 6, "3", "Clinical: Data"),
    mue_line("J1100", 3, "3", "Clinical: Data"),
]
# Rows added to the fees fixture (which has 99213 A, 99080 B, 0591T C,
# D0140 R, A0425 X, 71046 with 26 and TC): a status N and a status I code.
EXTRA_RVU_ROWS = [
    "A9270,,TEST DESCRIPTOR ELEVEN,N,,0.00,0.00,,0.00,,0.00,0.00,0.00,9,XXX,0.00,0.00,0.00,9,9,9,9,9,,33.4009,09,0,99,0.00,0.00,0.00",
    "99201,,TEST DESCRIPTOR TWELVE,I,,0.00,0.00,,0.00,,0.00,0.00,0.00,9,XXX,0.00,0.00,0.00,9,9,9,9,9,,33.4009,09,0,99,0.00,0.00,0.00",
]


def import_ncci(folder: Path, setting: str = "practitioner") -> None:
    """The PTP and MUE releases of one setting."""
    if setting == "practitioner":
        import_ptp(folder, PTP_LINES)
        import_mue(folder, MUE_LINES)
    else:
        import_ptp(folder, PTP_LINES, name="ccioph-v322r0-f1.txt")
        import_mue(folder, MUE_LINES, name="MCR_MUE_OutpatientHospitalServices_Eff_07-01-2026.csv")


def import_fee_schedule(folder: Path) -> None:
    """The 2026 RVU file (with EXTRA_RVU_ROWS) and GPCI file."""
    (rvu := folder / "rvu").mkdir(parents=True)
    (gpci := folder / "gpci").mkdir(parents=True)
    text = pprrvu_text()
    line_end = "\r\n" if text.endswith("\r\n") else "\n"
    text = text.rstrip("\r\n") + line_end + line_end.join(EXTRA_RVU_ROWS) + line_end
    fee_release_import(dataset="rvu", paths=[write_pprrvu(rvu, text)])
    fee_release_import(dataset="gpci", paths=[write_gpci(gpci)])
