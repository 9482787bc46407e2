"""Warm code-page server time and the peak memory of one web worker.

    .venv/bin/python bench/imports.py      # builds var/bench/ first
    .venv/bin/python bench/code_pages.py

Server time: each page is rendered in-process through Django's test client
(no network) for a signed-in member, after one warm-up pass; p50 and p99
over a fixed random sample of codes from every imported system. With
metering on (the default) each timed view is metered; METERING_ENABLED=false
measures the pages alone. Targets: p50 <= 15 ms, p99 <= 50 ms.

Memory: a one-worker gunicorn serves the same pages over loopback; the
worker's peak resident set (VmHWM) is read from /proc. Target <= 300 MB.
"""

import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from _django import ROOT, setup_bench_django

SAMPLE_PER_SYSTEM = 400
PORT = "8799"


def main() -> None:
    setup_bench_django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    urls = sample_urls()
    print(f"{len(urls)} code pages sampled")
    report_server_time(urls)
    report_worker_memory(urls)


def sample_urls() -> list[str]:
    from codingdesk.codesets.models import Release

    randomness = random.Random(2026)
    urls = []
    for release in Release.objects.order_by("system"):
        codes = list(release.codes.order_by("sort_order").values_list("code", flat=True))
        sample = randomness.sample(codes, min(SAMPLE_PER_SYSTEM, len(codes)))
        urls += [f"/codes/{release.system}/{code}" for code in sample]
    return urls


def report_server_time(urls: list[str]) -> None:
    """Pages as a signed-in Free member, so that with metering on (the
    default) each timed view takes the full path: lock, count, record. The
    plan's limit is raised in this bench database so no page is cut short."""
    warm_up, timed = member_client("bench-warm-up@example.com"), member_client("bench@example.com")
    for url in urls:  # warm-up: connections, templates, caches
        assert warm_up.get(url).status_code == 200, url
    timings = []
    for url in urls:
        started = time.perf_counter()
        timed.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p99 = timings[int(len(timings) * 0.99) - 1]
    print(f"warm code page server time: p50 {p50:.1f} ms, p99 {p99:.1f} ms (targets 15 / 50 ms)")


def member_client(email: str):
    from django.test import Client

    from codingdesk.accounts.models import CodeView, Plan, PlanName, User

    Plan.objects.filter(name=PlanName.FREE).update(code_page_views=1_000_000)
    user, _ = User.objects.get_or_create(email=email, defaults={"plan": PlanName.FREE})
    CodeView.objects.filter(user=user).delete()  # every timed view is a new one
    client = Client()
    client.force_login(user)
    return client


def report_worker_memory(urls: list[str]) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers", "1"],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{PORT}/")
        for url in urls:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{url}").read()
        worker = worker_pid(server.pid)
        peak_kb = int(next(line for line in Path(f"/proc/{worker}/status").read_text().splitlines()
                           if line.startswith("VmHWM")).split()[1])
        print(f"peak RSS of one web worker after {len(urls)} pages: {peak_kb / 1024:.0f} MB (target <= 300 MB)")
    finally:
        server.terminate()
        server.wait()


def wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"gunicorn did not start at {url}")


def worker_pid(master_pid: int) -> int:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return int(children[0])


if __name__ == "__main__":
    main()
