"""The official datasets ``data_fetch`` downloads: where each ZIP lives, what
it must hold, and how large it may plausibly be.

The ZIP names are templates filled from the release (see ``template_fields``).
CMS and CDC rename files now and then, and the defaults below could not be
checked against the live sites when they were written: each can be replaced
with a setting ``FETCH_ZIP_<DATASET>`` (e.g. ``FETCH_ZIP_HCPCS``), and the
base URLs with ``FETCH_CMS_BASE_URL`` and ``FETCH_CDC_BASE_URL``.

The member patterns are the importers' own (or, where one importer reads
several datasets, the importer's pattern narrowed to one dataset), so a ZIP
that passes is one the importer will find its files in.
"""

from __future__ import annotations

import calendar
import datetime
import re
import string
from dataclasses import dataclass

from django.conf import settings

from codingdesk.codesets.importers import hcpcs, icd10cm, icd10pcs
from codingdesk.fees.importers import gpci, pprrvu

KB, MB, GB = 1_000, 1_000_000, 1_000_000_000

CMS_BASE_URL = "https://www.cms.gov/files/zip/"
CDC_BASE_URL = "https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/{fiscal_year}/"
BASE_URL_DEFAULTS = {"FETCH_CMS_BASE_URL": CMS_BASE_URL, "FETCH_CDC_BASE_URL": CDC_BASE_URL}
# Practitioner and hospital PTP releases each come as this many part ZIPs (f1..f4).
NCCI_PTP_PARTS = 4

# How a release month is rounded to the release that covers it.
QUARTERLY = "quarterly"  # January, April, July, October
ICD10CM_HALF_YEARLY = "icd10cm"  # October (the fiscal year's release) and the April 1 update
FISCAL_YEARLY = "fiscal_year"  # October, for the federal fiscal year that starts then


@dataclass(frozen=True)
class Member:
    """A file the ZIP must (or may) hold, matched on its base name."""

    label: str  # how messages name it
    pattern: re.Pattern
    required: bool = True
    min_bytes: int = 1
    max_bytes: int = 2 * GB


@dataclass(frozen=True)
class Source:
    name: str  # the --only name
    title: str
    app: str  # "codesets", "edits" or "fees": which import service takes it
    import_as: str  # the system or dataset name that service knows it by
    folder: str  # under the data directory
    base_url_setting: str
    zip_template: str  # default; FETCH_ZIP_<NAME> replaces it
    members: tuple[Member, ...]
    period: str = QUARTERLY
    parts: int = 1  # more than one: the template holds {part}
    min_bytes: int = 1
    max_bytes: int = 2 * GB

    @property
    def zip_setting(self) -> str:
        return f"FETCH_ZIP_{self.name.upper()}"


def _ptp(setting: str, prefix: str, words: str) -> Source:
    return Source(
        name=f"ncci_ptp_{setting}",
        title=f"NCCI PTP edits, {words} (CMS)",
        app="edits",
        import_as=f"ptp_{setting}",
        folder="ncci",
        base_url_setting="FETCH_CMS_BASE_URL",
        zip_template=f"medicare-ncci-{{year}}q{{quarter}}-{setting}-ptp-edits-{prefix}-v{{ncci_version}}r0-f{{part}}.zip",
        # The importer's pattern (edits/importers/ptp.py) for one prefix.
        members=(
            Member(
                f"{prefix}-v<version>r<revision>-f<part>.txt",
                re.compile(rf"^{prefix}-v\d{{3}}r\d+-f\d+.*\.txt$", re.I),
                min_bytes=1 * MB,
            ),
        ),
        parts=NCCI_PTP_PARTS,
        min_bytes=100 * KB,
    )


def _mue(setting: str, file_setting: str, words: str, min_member: int) -> Source:
    return Source(
        name=f"mue_{setting}",
        title=f"MUE, {words} (CMS)",
        app="edits",
        import_as=f"mue_{setting}",
        folder="ncci",
        base_url_setting="FETCH_CMS_BASE_URL",
        zip_template=f"medicare-ncci-{{year}}-q{{quarter}}-{words.replace(' ', '-')}-mue-table.zip",
        # The importer's pattern (edits/importers/mue.py) for one setting.
        members=(
            Member(
                f"MCR_MUE_{file_setting}_Eff_<MM-DD-YYYY>.csv",
                re.compile(rf"^MCR_MUE_{file_setting}_Eff_\d{{2}}-\d{{2}}-\d{{4}}.*\.csv$", re.I),
                min_bytes=min_member,
                max_bytes=200 * MB,
            ),
        ),
        min_bytes=5 * KB,
        max_bytes=500 * MB,
    )


SOURCES: dict[str, Source] = {
    source.name: source
    for source in (
        Source(
            name="icd10cm",
            title="ICD-10-CM tabular (CDC)",
            app="codesets",
            import_as="icd10cm",
            folder="icd10cm",
            base_url_setting="FETCH_CDC_BASE_URL",
            zip_template="icd10cm-Table-Index-{cdc_release}.zip",
            members=(Member("icd10cm-tabular-<Month>-<day>-<year>.xml", icd10cm.FILE_PATTERN, min_bytes=1 * MB),),
            period=ICD10CM_HALF_YEARLY,
            min_bytes=200 * KB,
        ),
        Source(
            name="icd10pcs",
            title="ICD-10-PCS code tables (CMS)",
            app="codesets",
            import_as="icd10pcs",
            folder="icd10pcs",
            base_url_setting="FETCH_CMS_BASE_URL",
            zip_template="{fiscal_year}-icd-10-pcs-code-tables-and-index.zip",
            members=(
                Member("icd10pcs_tables_<year>.xml", icd10pcs.TABLES_FILE, min_bytes=1 * MB),
                Member(
                    "icd10pcs_definitions_<year>.xml",
                    re.compile(r"icd10pcs_definitions_\d{4}\.xml$", re.I),
                    required=False,
                ),
            ),
            period=FISCAL_YEARLY,
            min_bytes=200 * KB,
        ),
        Source(
            name="hcpcs",
            title="HCPCS Level II alpha-numeric file (CMS)",
            app="codesets",
            import_as="hcpcs",
            folder="hcpcs",
            base_url_setting="FETCH_CMS_BASE_URL",
            zip_template="{month_lower}-{year}-alpha-numeric-hcpcs-file.zip",
            members=(Member("HCPC<year>_<MON>_ANWEB*.txt", hcpcs.FILE_PATTERN, min_bytes=500 * KB, max_bytes=500 * MB),),
            min_bytes=50 * KB,
            max_bytes=500 * MB,
        ),
        _ptp("practitioner", "ccipra", "practitioner"),
        _ptp("hospital", "ccioph", "outpatient hospital"),
        _mue("practitioner", "PractitionerServices", "practitioner services", 20 * KB),
        _mue("hospital", "OutpatientHospitalServices", "outpatient hospital services", 20 * KB),
        _mue("dme", "DMESupplierServices", "dme supplier services", 5 * KB),
        # PPRRVU and GPCI come in the same quarterly RVU ZIP (rvu26a.zip):
        # fetched together, it is downloaded once.
        Source(
            name="pprrvu",
            title="Physician fee schedule RVUs, PPRRVU (CMS)",
            app="fees",
            import_as=pprrvu.DATASET,
            folder="mpfs",
            base_url_setting="FETCH_CMS_BASE_URL",
            zip_template="rvu{yy}{quarter_letter}.zip",
            members=(Member("PPRRVU<yy>_<MON>.csv", pprrvu.FILE_PATTERN, min_bytes=200 * KB, max_bytes=500 * MB),),
            min_bytes=50 * KB,
            max_bytes=1 * GB,
        ),
        Source(
            name="gpci",
            title="Geographic practice cost indices, GPCI (CMS)",
            app="fees",
            import_as=gpci.DATASET,
            folder="mpfs",
            base_url_setting="FETCH_CMS_BASE_URL",
            zip_template="rvu{yy}{quarter_letter}.zip",
            members=(Member("GPCI<year>.csv", gpci.GPCI_FILE, min_bytes=2 * KB, max_bytes=10 * MB),),
            min_bytes=50 * KB,
            max_bytes=1 * GB,
        ),
    )
}


@dataclass(frozen=True)
class ZipFile:
    name: str
    url: str


def release_parse(text: str) -> tuple[int, int]:
    """'2026-07' -> (2026, 7); ValueError with the expected form otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"{text!r} is not a release month like 2026-07")
    return int(match[1]), int(match[2])


def release_current(today: datetime.date) -> tuple[int, int]:
    return today.year, today.month


def release_start(source: Source, year: int, month: int) -> tuple[int, int]:
    """The first month of the release of ``source`` that covers year-month."""
    if source.period == QUARTERLY:
        return year, month - (month - 1) % 3
    if source.period == ICD10CM_HALF_YEARLY:
        if month >= 10:
            return year, 10
        return (year, 4) if month >= 4 else (year - 1, 10)
    if source.period == FISCAL_YEARLY:
        return (year, 10) if month >= 10 else (year - 1, 10)
    raise ValueError(f"unknown release period {source.period!r}")


def template_fields(year: int, month: int, part: int = 1) -> dict[str, object]:
    """What a ZIP name or base URL may hold, for a release starting year-month."""
    quarter = (month - 1) // 3 + 1
    fiscal_year = year + 1 if month >= 10 else year
    month_name = calendar.month_name[month]
    return {
        "year": year,
        "yy": f"{year % 100:02}",
        "month": f"{month:02}",
        "month_name": month_name,  # April
        "month_lower": month_name.lower(),  # april
        "mon": calendar.month_abbr[month].upper(),  # APR
        "quarter": quarter,  # 1..4
        "quarter_letter": "abcd"[quarter - 1],  # CMS's RVU releases: rvu26a.zip
        "fiscal_year": fiscal_year,  # October 2025 starts FY2026
        # NCCI numbers its versions from 1995 = 1.0: v322 is 2026, third quarter.
        "ncci_version": f"{year - 1994}{quarter - 1}",
        # CDC names a fiscal year's release after the year, its April update after the day.
        "cdc_release": str(fiscal_year) if month == 10 else f"{month_name}-1-{year}",
        "part": part,
    }


def zip_files(source: Source, year: int, month: int) -> list[ZipFile]:
    """The ZIPs that make the release of ``source`` starting year-month."""
    template = getattr(settings, source.zip_setting, "") or source.zip_template
    base_url = getattr(settings, source.base_url_setting, "") or BASE_URL_DEFAULTS[source.base_url_setting]
    parts = 1
    if source.parts > 1:
        parts = int(getattr(settings, "FETCH_NCCI_PTP_PARTS", 0) or source.parts)
    files = []
    for part in range(1, parts + 1):
        fields = template_fields(year, month, part)
        name = _fill(template, fields, source.zip_setting)
        url = _fill(base_url, fields, source.base_url_setting)
        files.append(ZipFile(name=name, url=url.rstrip("/") + "/" + name))
    return files


def _fill(template: str, fields: dict[str, object], setting: str) -> str:
    named = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    if unknown := named - fields.keys():
        raise ValueError(
            f"{setting} uses {', '.join(sorted(unknown))}, which is not a release field; "
            f"use {', '.join(fields)}"
        )
    return template.format(**fields)
