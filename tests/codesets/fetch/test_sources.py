import pytest

from codingdesk.codesets.fetch.sources import SOURCES, release_start, zip_files


def names(dataset: str, year: int, month: int) -> list[str]:
    return [zip_file.name for zip_file in zip_files(SOURCES[dataset], *release_start(SOURCES[dataset], year, month))]


@pytest.mark.parametrize(
    ("dataset", "month", "expected"),
    [
        ("icd10cm", (2025, 11), ["icd10cm-Table-Index-2026.zip"]),
        ("icd10cm", (2026, 7), ["icd10cm-Table-Index-April-1-2026.zip"]),
        ("icd10pcs", (2026, 7), ["2026-icd-10-pcs-code-tables-and-index.zip"]),
        ("icd10pcs", (2026, 10), ["2027-icd-10-pcs-code-tables-and-index.zip"]),
        ("hcpcs", (2026, 2), ["january-2026-alpha-numeric-hcpcs-file.zip"]),
        ("mue_dme", (2026, 8), ["medicare-ncci-2026-q3-dme-supplier-services-mue-table.zip"]),
        ("pprrvu", (2026, 12), ["rvu26d.zip"]),
        ("gpci", (2026, 4), ["rvu26b.zip"]),
    ],
)
def test_each_release_month_gives_the_official_zip_name(dataset, month, expected):
    assert names(dataset, *month) == expected


def test_a_ptp_release_is_one_zip_per_part(settings):
    settings.FETCH_NCCI_PTP_PARTS = 4
    assert names("ncci_ptp_practitioner", 2026, 7) == [
        f"medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f{part}.zip" for part in (1, 2, 3, 4)
    ]


def test_a_setting_replaces_the_name_and_the_base_url(settings):
    settings.FETCH_ZIP_HCPCS = "hcpcs-{year}-{mon}.zip"
    settings.FETCH_CDC_BASE_URL = "https://mirror.example/cdc/FY{fiscal_year}"
    settings.FETCH_CMS_BASE_URL = ""  # empty: the default
    (hcpcs,) = zip_files(SOURCES["hcpcs"], 2026, 4)
    assert hcpcs.url == "https://www.cms.gov/files/zip/hcpcs-2026-APR.zip"
    (icd10cm,) = zip_files(SOURCES["icd10cm"], 2025, 10)
    assert icd10cm.url == "https://mirror.example/cdc/FY2026/icd10cm-Table-Index-2026.zip"


def test_a_name_with_an_unknown_field_is_refused(settings):
    settings.FETCH_ZIP_GPCI = "gpci-{release}.zip"
    with pytest.raises(ValueError, match="FETCH_ZIP_GPCI uses release, which is not a release field"):
        zip_files(SOURCES["gpci"], 2026, 1)
