"""Small NCCI files of our own, written in the official layouts: the PTP
tab-separated text (six header lines, then one edit a line) and the MUE CSV
(an AMA notice record, a header whose first cell holds a line break, then one
code a line). Codes are CPT/HCPCS numbers only, never descriptors."""

from __future__ import annotations

from pathlib import Path

PTP_HEADER_LINES = [
    "CPT only copyright 2025 American Medical Association.  All rights reserved.\t\t\t\t\t\t",
    "Column1/Column2 Edits\t\t\t\t\t\t",
    "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale",
    "\t\tprior to 1996\tDate\tDate\t0=not allowed\t",
    "\t\t\t\t*=no data\t1=allowed\t",
    "\t\t\t\t\t9=not applicable\t",
]
MISUSE = "Misuse of Column Two code with Column One code"
STANDARDS = "Standards of medical / surgical practice"

MUE_NOTICE = (
    '"Current Procedural Terminology (CPT) codes, descriptions and other data only are copyright 2025 '
    "American Medical Association. All rights reserved. \n\nApplicable FARS/DFARS Restrictions Apply to "
    'Government Use. ",,,'
)
MUE_VALUE_COLUMNS = {
    "PractitionerServices": "Practitioner Services MUE Values",
    "OutpatientHospitalServices": "Outpatient Hospital Services MUE Values",
    "DMESupplierServices": "DME Supplier Services MUE Values",
}
MAI_TEXT = {"1": "1 Line Edit", "2": "2 Date of Service Edit: Policy", "3": "3 Date of Service Edit: Clinical"}


def ptp_line(
    column1: str,
    column2: str,
    effective: str = "20200101",
    deletion: str = "*",
    indicator: str = "1",
    rationale: str = MISUSE,
    prior: str = "",
) -> str:
    return "\t".join([column1, column2, prior, effective, deletion, indicator, rationale])


def write_ptp(
    folder: Path,
    lines: list[str],
    name: str = "ccipra-v322r0-f1.txt",
    header: list[str] = PTP_HEADER_LINES,
    newline: str = "\r\n",
    final_newline: bool = True,
) -> Path:
    """CMS files end their lines with CR LF."""
    folder.mkdir(parents=True, exist_ok=True)
    text = newline.join([*header, *lines]) + (newline if final_newline else "")
    path = folder / name
    path.write_bytes(text.encode())
    return path


def mue_line(code: str, mue: int | str, mai: str = "2", rationale: str = "Code Descriptor / CPT Instruction") -> str:
    return ",".join([code, str(mue), MAI_TEXT.get(mai, mai), rationale])


def mue_header(setting: str = "PractitionerServices") -> str:
    return f'"HCPCS/\nCPT Code",{MUE_VALUE_COLUMNS[setting]},MUE Adjudication Indicator,MUE Rationale'


def write_mue(
    folder: Path,
    lines: list[str],
    name: str = "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv",
    header: str | None = None,
    final_newline: bool = True,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    setting = name.split("_")[2]
    records = [MUE_NOTICE, header if header is not None else mue_header(setting), *lines]
    path = folder / name
    path.write_bytes(("\n".join(records) + ("\n" if final_newline else "")).encode())
    return path
