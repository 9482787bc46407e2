"""Release ZIPs for the fetch tests, built from our small fixture files in
the official layouts (never the official files), under the names CMS and
CDC give them for the January 2026 release (sources.py's defaults)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.codesets.fixture_files import FIXTURES as CODESET_FIXTURES
from tests.edits.ncci_files import mue_header, mue_line, ptp_line, MUE_NOTICE, PTP_HEADER_LINES
from tests.fees.fee_files import GPCI_NAME, PPRRVU_NAME, gpci_text, pprrvu_text

RELEASE = "2026-01"
# FETCH_NCCI_PTP_PARTS in these tests: two part ZIPs per PTP release.
PTP_PARTS = 2


def ptp_text(part: int) -> str:
    lines = [ptp_line("99213", f"3610{part}"), ptp_line("99214", f"3620{part}", indicator="0")]
    return "\r\n".join([*PTP_HEADER_LINES, *lines]) + "\r\n"


def mue_text(setting: str) -> str:
    return "\n".join([MUE_NOTICE, mue_header(setting), mue_line("99213", 1), mue_line("E0601", 2, mai="3")]) + "\n"


# ZIP name -> {member name: contents}
ZIPS: dict[str, dict[str, bytes]] = {
    "icd10cm-Table-Index-2026.zip": {
        "icd10cm-tabular-October-1-2025.xml": (
            CODESET_FIXTURES / "icd10cm" / "oct2025" / "icd10cm-tabular-October-1-2025.xml"
        ).read_bytes(),
        "icd10cm-index-2026.xml": b"<ICD10CM.index/>",
    },
    "2026-icd-10-pcs-code-tables-and-index.zip": {
        "icd10pcs_tables_2026.xml": (CODESET_FIXTURES / "icd10pcs" / "tables_sample.xml").read_bytes(),
        "icd10pcs_definitions_2026.xml": (CODESET_FIXTURES / "icd10pcs" / "definitions_sample.xml").read_bytes(),
    },
    "january-2026-alpha-numeric-hcpcs-file.zip": {
        "HCPC2026_JAN_ANWEB.txt": (CODESET_FIXTURES / "hcpcs" / "october_2025_records.txt").read_bytes(),
        "HCPC2026_JAN_ANWEB.xlsx": b"not read",
    },
    **{
        f"medicare-ncci-2026q1-{setting}-ptp-edits-{prefix}-v320r0-f{part}.zip": {
            f"{prefix}-v320r0-f{part}.txt": ptp_text(part).encode(),
        }
        for setting, prefix in (("practitioner", "ccipra"), ("hospital", "ccioph"))
        for part in range(1, PTP_PARTS + 1)
    },
    **{
        f"medicare-ncci-2026-q1-{words}-mue-table.zip": {
            f"MCR_MUE_{setting}_Eff_01-01-2026.csv": mue_text(setting).encode(),
        }
        for words, setting in (
            ("practitioner-services", "PractitionerServices"),
            ("outpatient-hospital-services", "OutpatientHospitalServices"),
            ("dme-supplier-services", "DMESupplierServices"),
        )
    },
    "rvu26a.zip": {
        # CMS puts each file in the RVU ZIP in several forms; the CSVs are read.
        PPRRVU_NAME: pprrvu_text().encode(),
        "PPRRVU26_JAN.txt": b"not read",
        GPCI_NAME: gpci_text().encode(),
        "ANES2026.csv": b"not read",
    },
}


def write_zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def write_release_zips(folder: Path) -> dict[str, Path]:
    """Every dataset's ZIP for January 2026, flat in ``folder`` (a mirror's layout)."""
    return {name: write_zip(folder / name, members) for name, members in ZIPS.items()}


def zip_for(dataset: str) -> str:
    """The (first) ZIP of a dataset, by name."""
    names = {
        "icd10cm": "icd10cm-Table-Index-2026.zip",
        "icd10pcs": "2026-icd-10-pcs-code-tables-and-index.zip",
        "hcpcs": "january-2026-alpha-numeric-hcpcs-file.zip",
        "ncci_ptp_practitioner": "medicare-ncci-2026q1-practitioner-ptp-edits-ccipra-v320r0-f1.zip",
        "mue_practitioner": "medicare-ncci-2026-q1-practitioner-services-mue-table.zip",
        "pprrvu": "rvu26a.zip",
    }
    return names[dataset]
