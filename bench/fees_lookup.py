"""Time fee lookups against a full-size RVU file and the real GPCI file.

    CODINGDESK_DATA_DIR=../shared/data .venv/bin/python bench/fees_lookup.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/codingdesk_bench_fees \\
        CODINGDESK_DATA_DIR=../shared/data .venv/bin/python bench/fees_lookup.py

No RVU file is in the data folder, so this writes one: ~19,000 rows in the
official CSV layout (title and notice lines, a header split over five rows),
with realistic code numbers, 26/TC rows for the diagnostic tests and 53 rows
for a few colonoscopies, invented RVUs and invented descriptors ("BENCH
DESCRIPTOR 00001"). It imports that and GPCI2026.csv through the import
service, then times 2,000 fee lookups (codingdesk.fees.lookup.fee_lookup)
over random codes, modifiers and localities, and the same through the API
operation in-process. Target: p99 <= 5 ms.

On SQLite the database is var/bench-fees/ (never the site's, nor the one
bench/imports.py builds). With DATABASE_URL the database's name must contain
"bench": the script deletes every fee release in it first.
"""

import csv
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench-fees"
LOOKUPS = 2000
WARM_UP = 200
TARGET_MS = 5.0
CONVERSION_FACTOR = "33.4009"
# The split header of the official CSV, bottom-aligned (see importers/pprrvu.py).
HEADER = (
    ["HCPCS"], ["MOD"], ["DESCRIPTION"], ["STATUS", "CODE"], ["NOT USED", "FOR", "MEDICARE", "PAYMENT"],
    ["WORK", "RVU"], ["NON-FAC", "PE RVU"], ["NON-FAC", "NA", "INDICATOR"], ["FACILITY", "PE RVU"],
    ["FACILITY", "NA", "INDICATOR"], ["MP", "RVU"], ["NON-FACILITY", "TOTAL"], ["FACILITY", "TOTAL"],
    ["PCTC", "IND"], ["GLOB", "DAYS"], ["PRE", "OP"], ["INTRA", "OP"], ["POST", "OP"], ["MULT", "PROC"],
    ["BILAT", "SURG"], ["ASST", "SURG"], ["CO-", "SURG"], ["TEAM", "SURG"], ["ENDO", "BASE"], ["CONV", "FACTOR"],
    ["PHYSICIAN", "SUPERVISION", "OF", "DIAGNOSTIC", "PROCEDURES"], ["CALCULATION", "FLAG"],
    ["DIAGNOSTIC", "IMAGING", "FAMILY", "INDICATOR"], ["NON-FACILITY", "PE USED", "FOR OPPS", "PAYMENT", "AMOUNT"],
    ["FACILITY", "PE USED", "FOR OPPS", "PAYMENT", "AMOUNT"], ["MP USED", "FOR OPPS", "PAYMENT", "AMOUNT"],
)


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from codingdesk.fees.importers import gpci
    from codingdesk.fees.models import FeeRelease, RelativeValue
    from codingdesk.fees.services import fee_release_import

    call_command("migrate", verbosity=0)
    FeeRelease.objects.all().delete()
    gpci_groups = gpci.find_sources(Path(settings.CODINGDESK_DATA_DIR))
    if not gpci_groups:
        sys.exit(f"No GPCI file in CODINGDESK_DATA_DIR ({settings.CODINGDESK_DATA_DIR}).")
    with tempfile.TemporaryDirectory(prefix="codingdesk-bench-fees-") as folder:
        rvu_path = write_pprrvu(Path(folder) / "PPRRVU26_JAN.csv", random.Random(2026))
        started = time.perf_counter()
        rvu = fee_release_import(dataset="rvu", paths=[rvu_path]).release
        rvu_seconds = time.perf_counter() - started
    started = time.perf_counter()
    gpci_release = fee_release_import(dataset="gpci", paths=gpci_groups[-1]).release
    gpci_seconds = time.perf_counter() - started
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}); load average {load} on {os.cpu_count()} CPUs")
    print(f"RVU file: {rvu.row_count:,} rows imported in {rvu_seconds:.1f} s; "
          f"GPCI file: {gpci_release.row_count} localities in {gpci_seconds:.2f} s")

    randomness = random.Random(7)
    rows = list(RelativeValue.objects.filter(release=rvu).values_list("code", "modifier"))
    localities = [locality.key for locality in gpci_release.gpcis.all()]
    start = datetime.date(2026, 1, 1)
    queries = [
        (*randomness.choice(rows), randomness.choice(localities), start + datetime.timedelta(randomness.randrange(365)))
        for _ in range(WARM_UP + LOOKUPS)
    ]
    report("fee_lookup()", time_lookups(queries))
    report("GET /fees (in-process)", time_api(queries))


def setup_django() -> None:
    os.environ["CODINGDESK_VAR_DIR"] = str(BENCH_VAR)
    url = os.environ.get("DATABASE_URL", "")
    if url and "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("DATABASE_URL must name a bench database (with 'bench' in its name): this empties its fee tables.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def time_lookups(queries) -> list[float]:
    from codingdesk.fees.lookup import fee_lookup

    timings = []
    for code, modifier, locality, on in queries:
        started = time.perf_counter()
        fee_lookup(code=code, modifier=modifier, locality=locality, date_of_service=on)
        timings.append((time.perf_counter() - started) * 1000)
    return timings[WARM_UP:]


def time_api(queries) -> list[float]:
    from ninja import NinjaAPI
    from ninja.testing import TestClient

    from codingdesk.fees.api import router

    api = NinjaAPI(urls_namespace="fees-bench")
    api.add_router("/v1/", router)
    client = TestClient(api)
    timings = []
    for code, modifier, locality, on in queries:
        params = {"code": code, "modifier": modifier, "locality": locality, "date": on.isoformat()}
        started = time.perf_counter()
        response = client.get("/v1/fees", query_params=params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
    return timings[WARM_UP:]


def report(label: str, timings: list[float]) -> None:
    timings = sorted(timings)
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    p99 = timings[int(len(timings) * 0.99) - 1]
    verdict = "ok" if p99 <= TARGET_MS else "OVER TARGET"
    print(
        f"{label:<24} {len(timings):,} lookups: p50 {p50:.2f} ms, p95 {p95:.2f} ms, p99 {p99:.2f} ms, "
        f"max {timings[-1]:.2f} ms (target p99 <= {TARGET_MS:.0f} ms: {verdict})"
    )


def write_pprrvu(path: Path, randomness: random.Random) -> Path:
    """A full-size RVU file in the official CSV layout, every value invented."""
    width = len(HEADER)
    blank = [""] * width

    def preamble(text: str) -> list[str]:
        return [*blank[:2], text, *blank[3:]]

    with path.open("w", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(preamble("2026 National Physician Fee Schedule Relative Value File January Release"))
        writer.writerow(preamble("BENCH FILE: the official file has its CPT copyright notice on this line"))
        writer.writerow(preamble("BENCH FILE: the official file has its dental code copyright notice on this line"))
        writer.writerow(blank)
        for level in range(5):
            writer.writerow([parts[level - (5 - len(parts))] if level >= 5 - len(parts) else "" for parts in HEADER])
        for number, (code, modifier, kind) in enumerate(bench_codes(randomness), start=1):
            writer.writerow(bench_row(code, modifier, kind, f"BENCH DESCRIPTOR {number:05}", randomness))
    return path


def bench_codes(randomness: random.Random) -> list[tuple[str, str, str]]:
    """About 19,000 (code, modifier, kind) in the proportions of the real file."""
    ranges = [
        ("anesthesia", 100, 1999, 290), ("surgery", 10004, 69990, 5600), ("radiology", 70010, 79999, 1150),
        ("pathology", 80047, 89398, 1500), ("medicine", 90281, 99607, 1900),
    ]
    codes = []
    for kind, first, last, count in ranges:
        codes += [(f"{number:05}", "", kind) for number in sorted(randomness.sample(range(first, last + 1), count))]
    codes += [(f"{number:04}T", "", "category3") for number in range(1, 951)]
    for letter, count in (("A", 350), ("G", 1700), ("J", 700), ("Q", 300), ("D", 500), ("E", 300), ("L", 200)):
        numbers = sorted(randomness.sample(range(1, 10000), count))
        codes += [(f"{letter}{number:04}", "", "level2") for number in numbers]
    rows = []
    for code, modifier, kind in codes:
        rows.append((code, modifier, kind))
        # Diagnostic tests have professional (26) and technical (TC) rows.
        if kind == "radiology" or (kind in ("medicine", "pathology") and randomness.random() < 0.2):
            rows += [(code, "26", kind), (code, "TC", kind)]
    rows += [(code, "53", "surgery") for code in ("44388", "45378", "G0105", "G0121")]
    return sorted(set(rows))


def bench_row(code: str, modifier: str, kind: str, descriptor: str, randomness: random.Random) -> list[str]:
    def rvu(low: float, high: float) -> str:
        return f"{randomness.uniform(low, high):.2f}"

    status = {"anesthesia": "J", "category3": "C", "level2": randomness.choice("AAAXEBINR")}.get(kind, "A")
    status = randomness.choice("AAAAAAAAAB") if status == "A" else status
    work = "0.00" if modifier == "TC" or status in "JXEBIN" else rvu(0.1, 30 if kind == "surgery" else 4)
    non_facility_pe, facility_pe, mp = rvu(0.05, 12), rvu(0.05, 8), rvu(0.01, 4 if kind == "surgery" else 0.4)
    non_facility_na = "NA" if kind == "surgery" and randomness.random() < 0.4 else ""
    pctc = "1" if modifier or kind == "radiology" else randomness.choice("0009")
    global_days = randomness.choice(["000", "010", "090", "ZZZ", "YYY"]) if kind == "surgery" else "XXX"
    totals = [f"{float(work) + float(pe) + float(mp):.2f}" for pe in (non_facility_pe, facility_pe)]
    return [
        code, modifier, descriptor, status, "", work, non_facility_pe, non_facility_na, facility_pe, "", mp,
        *totals, pctc, global_days, *(("0.10", "0.80", "0.10") if global_days == "090" else ("0.00",) * 3),
        randomness.choice("02349"), randomness.choice("01239"),
        randomness.choice("0129"), randomness.choice("0129"), randomness.choice("0129"), "", CONVERSION_FACTOR,
        "09", "0", "99", "0.00", "0.00", "0.00",
    ]


if __name__ == "__main__":
    main()
