"""Django set-up shared by the benchmark scripts: the bench database in
var/bench/ (made by bench/imports.py), never the site's own."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"


def setup_bench_django() -> None:
    os.environ["CODINGDESK_VAR_DIR"] = str(BENCH_VAR)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
