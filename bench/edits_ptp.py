"""Import a full-size practitioner PTP release and time a claim's pair check.

    .venv/bin/python bench/edits_ptp.py                      # SQLite, in a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/codingdesk_bench_edits \\
        .venv/bin/python bench/edits_ptp.py                  # an empty PostgreSQL database

Generates about 2.4 million edits in four part files in the official layout
(ccipra-v322r0-f1..f4.txt, made-up edits between realistic CPT/HCPCS code
numbers), imports them with edit_release_import, and reports the import time,
the database's growth and the p50/p95 of ptp_check for 20 codes over 200
claims. Targets: import <= 5 minutes, pair check <= 20 ms. Everything it
writes goes to a temp dir (or the given database), never to var/.
"""

import datetime
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_ROWS = 2_400_000
PARTS = 4
CLAIMS = 200
CODES_PER_CLAIM = 20
DATE_OF_SERVICE = datetime.date(2026, 7, 15)
IMPORT_TARGET_SECONDS = 300
CHECK_TARGET_MS = 20

HEADER = [
    "CPT only copyright 2025 American Medical Association.  All rights reserved.\t\t\t\t\t\t",
    "Column1/Column2 Edits\t\t\t\t\t\t",
    "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale",
    "\t\tprior to 1996\tDate\tDate\t0=not allowed\t",
    "\t\t\t\t*=no data\t1=allowed\t",
    "\t\t\t\t\t9=not applicable\t",
]
RATIONALES = [
    "Misuse of Column Two code with Column One code",
    "Standards of medical / surgical practice",
    "CPT Manual or CMS manual coding instruction",
    "Mutually exclusive procedures",
    "More extensive procedure",
    "HCPCS/CPT procedure code definition",
    "Anesthesia service included in surgical procedure",
    "CPT separate procedure definition",
    "Laboratory panel",
    "Gender-specific procedures",
    "Medical or surgical service included in global surgical package",
    "Sequential procedure",
    "Deleted/not valid code",
    "With/without services",
    "Designation of sequential procedure",
]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="codingdesk-bench-edits-"))
    try:
        setup_django(work)
        run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def setup_django(work: Path) -> None:
    # Without DATABASE_URL, settings put a fresh SQLite database in the var dir.
    os.environ["CODINGDESK_VAR_DIR"] = str(work / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def run(work: Path) -> None:
    from django.db import connection

    from codingdesk.edits.importers import ptp
    from codingdesk.edits.services import edit_release_import

    started = time.perf_counter()
    paths, claims = write_release(work / "ncci")
    size = sum(path.stat().st_size for path in paths)
    print(f"generated {len(paths)} part files, {size / 1e6:,.0f} MB, in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    rows = sum(1 for _ in ptp.parse(paths).rows)
    print(f"parse only: {rows:,} rows in {time.perf_counter() - started:.1f} s")

    before = database_size()
    started = time.perf_counter()
    outcome = edit_release_import(dataset="ptp_practitioner", paths=paths)
    seconds = time.perf_counter() - started
    if not outcome.created:
        sys.exit("The database already holds this generated release, so nothing was imported: "
                 "run against an empty database.")
    verdict = "ok" if seconds <= IMPORT_TARGET_SECONDS else "OVER TARGET"
    print(
        f"import ({connection.vendor}): {outcome.release.row_count:,} rows in {seconds:.1f} s "
        f"({outcome.release.row_count / seconds:,.0f} rows/s; target <= {IMPORT_TARGET_SECONDS} s: {verdict})"
    )
    print(f"database growth: {(database_size() - before) / 1e6:,.0f} MB ({size_detail()})")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")

    started = time.perf_counter()
    again = edit_release_import(dataset="ptp_practitioner", paths=paths)
    print(f"re-import of the same files: skipped={not again.created} in {time.perf_counter() - started:.1f} s")

    time_pair_checks(claims)


def write_release(folder: Path) -> tuple[list[Path], list[list[str]]]:
    """The part files, and CLAIMS claims of related codes to check."""
    rng = random.Random(322)
    pool = code_pool(rng)
    numeric = {code: index for index, code in enumerate(pool)}
    # Codes that are column 2 of very many edits (E/M visits, venipuncture,
    # injections, nerve blocks, anesthesia-adjacent services).
    common = sorted(
        {"99211", "99212", "99213", "99214", "99215", "36000", "36410", "36591", "96360", "96365", "96372",
         "96374", "96375", "96376", "69990", "64400", "64415", "64450", "62320", "62322", "94002", "94760",
         "93000", "93005", "93041", "G0471", "J2001", "J0670", "36140", "76000", "76942", "77002", "11000"}
        | set(rng.sample(pool, 400))
    )
    column1_codes = sorted(rng.sample(pool, 12_500))
    weights = [rng.lognormvariate(0, 1.1) for _ in column1_codes]
    scale = TARGET_ROWS / sum(weights)
    edits: dict[str, list[str]] = {}
    for code, weight in zip(column1_codes, weights):
        wanted = max(1, min(2_500, round(weight * scale)))
        near = numeric[code]
        chosen = set(rng.sample(common, min(len(common), wanted // 3)))
        while len(chosen) < wanted:
            # Mostly codes of the same family (nearby numbers), some anywhere.
            if rng.random() < 0.8:
                other = pool[min(len(pool) - 1, max(0, near + int(rng.gauss(0, 400))))]
            else:
                other = rng.choice(pool)
            if other != code:
                chosen.add(other)
        edits[code] = sorted(chosen)
    quarters = [f"{year}{month:02d}01" for year in range(1996, 2027) for month in (1, 4, 7, 10)]
    chunk = -(-len(column1_codes) // PARTS)
    paths = []
    for part in range(PARTS):
        path = folder / f"ccipra-v322r0-f{part + 1}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="") as stream:
            stream.write("\r\n".join(HEADER) + "\r\n")
            for code in column1_codes[part * chunk : (part + 1) * chunk]:
                stream.write("".join(edit_line(rng, code, other, quarters) for other in edits[code]))
        paths.append(path)
    claims = []
    for _ in range(CLAIMS):
        code = rng.choice(column1_codes)
        related = rng.sample(edits[code], min(8, len(edits[code])))
        others = rng.sample(pool, CODES_PER_CLAIM - 1 - len(related))
        claims.append([code, *related, *others])
    return paths, claims


def code_pool(rng: random.Random) -> list[str]:
    """About 14,000 distinct code numbers shaped like the real ones."""
    codes: set[str] = set()
    ranges = [(100, 1999, 600), (10004, 69990, 6200), (70010, 79999, 1000), (80047, 89398, 1500), (90281, 99607, 1600)]
    for low, high, count in ranges:
        codes.update(f"{number:05d}" for number in rng.sample(range(low, high + 1), count))
    codes.update(f"{number:04d}T" for number in rng.sample(range(1, 950), 700))
    codes.update(f"{number:04d}U" for number in rng.sample(range(1, 520), 300))
    for letter, count in (("G", 700), ("J", 600), ("C", 200), ("A", 150), ("L", 100), ("Q", 100)):
        codes.update(f"{letter}{number:04d}" for number in rng.sample(range(1, 9999), count))
    return sorted(codes)


def edit_line(rng: random.Random, column1: str, column2: str, quarters: list[str]) -> str:
    effective = rng.choice(quarters)
    deletion = "*"
    indicator = "1" if rng.random() < 0.86 else "0"
    roll = rng.random()
    if roll < 0.03:
        indicator, deletion = "9", effective
    elif roll < 0.15:
        later = [quarter for quarter in quarters if quarter > effective]
        deletion = rng.choice(later) if later else "*"
    prior = "*" if effective == "19960101" and rng.random() < 0.5 else ""
    return f"{column1}\t{column2}\t{prior}\t{effective}\t{deletion}\t{indicator}\t{rng.choice(RATIONALES)}\r\n"


def database_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        # Move the write-ahead log into the database file before measuring it.
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(connection.settings_dict["NAME"])
    return sum(candidate.stat().st_size for candidate in (path, Path(f"{path}-wal")) if candidate.exists())


def size_detail() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"SQLite file {Path(connection.settings_dict['NAME']).stat().st_size / 1e6:,.0f} MB"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_relation_size('edits_ptpedit'), pg_indexes_size('edits_ptpedit'), "
            "pg_total_relation_size('edits_ptpedit')"
        )
        table, indexes, total = cursor.fetchone()
    return f"edits_ptpedit: table {table / 1e6:,.0f} MB + indexes {indexes / 1e6:,.0f} MB = {total / 1e6:,.0f} MB"


def time_pair_checks(claims: list[list[str]]) -> None:
    from django.db import connection

    from codingdesk.edits.checks import ClaimCode, ptp_check

    def check(codes: list[str]) -> int:
        lines = [ClaimCode(code) for code in codes]
        return len(ptp_check(lines=lines, date_of_service=DATE_OF_SERVICE, setting="practitioner").findings)

    for codes in claims[:20]:
        check(codes)
    timings, found = [], []
    for codes in claims:
        started = time.perf_counter()
        found.append(check(codes))
        timings.append((time.perf_counter() - started) * 1000)
    p50 = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    verdict = "ok" if p95 <= CHECK_TARGET_MS else "OVER TARGET"
    print(
        f"ptp_check, {CODES_PER_CLAIM} codes, {len(claims)} claims: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {max(timings):.1f} ms (target <= {CHECK_TARGET_MS} ms: {verdict}); "
        f"{statistics.mean(found):.1f} edits fired per claim on average"
    )
    with connection.cursor() as cursor:
        sql, params = plan_query(claims[0])
        explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(explain + sql, params)
        print("query plan:", " | ".join(str(row[-1]) for row in cursor.fetchall()))


def plan_query(codes: list[str]) -> tuple[str, tuple]:
    from codingdesk.edits.models import EditRelease, PtpEdit

    release = EditRelease.objects.get(dataset="ptp_practitioner")
    query = PtpEdit.objects.filter(release=release, column1__in=codes, column2__in=codes).query
    return query.sql_with_params()


if __name__ == "__main__":
    main()
