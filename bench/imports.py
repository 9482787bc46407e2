"""Time each official import into a fresh SQLite database.

    CODINGDESK_DATA_DIR=../shared/data .venv/bin/python bench/imports.py

Targets on the 2-core machine: ICD-10-CM <= 60 s, ICD-10-PCS <= 60 s,
HCPCS <= 15 s. The database is made in var/bench/ and kept, so
bench/code_pages.py can run against it afterwards.
"""

import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
TARGETS = {"icd10cm": 60, "icd10pcs": 60, "hcpcs": 15}


def main() -> None:
    shutil.rmtree(BENCH_VAR, ignore_errors=True)
    os.environ["CODINGDESK_VAR_DIR"] = str(BENCH_VAR)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from codingdesk.codesets.importers import importer_for
    from codingdesk.codesets.services import code_release_import

    call_command("migrate", verbosity=0)
    data_dir = Path(settings.CODINGDESK_DATA_DIR)
    for system, target in TARGETS.items():
        groups = importer_for(system).find_sources(data_dir)
        if not groups:
            print(f"{system:<9} no release files in {data_dir}")
            continue
        started = time.perf_counter()
        outcomes = code_release_import(system=system, paths=groups[-1])
        seconds = time.perf_counter() - started
        codes = sum(outcome.release.code_count for outcome in outcomes)
        verdict = "ok" if seconds <= target else "OVER TARGET"
        print(f"{system:<9} {seconds:6.1f} s  {codes:>7,} codes  (target <= {target} s: {verdict})")


if __name__ == "__main__":
    main()
