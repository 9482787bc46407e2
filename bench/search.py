"""Search benchmarks against the bench database (run bench/imports.py first).

    .venv/bin/python bench/search.py            # build, in-process and type-ahead figures
    .venv/bin/python bench/search.py --load     # also 50 wrk clients for 60 s on /api/v1/search

Targets: index build for all code sets <= 30 s; search in the server process
p50 <= 3 ms, p99 <= 15 ms; type-ahead request on localhost p95 <= 30 ms;
the load run with zero errors (throughput reported).
Queries: the development sets in ../shared/eval plus every prefix of them
of 3+ characters, as typed into the box.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from _django import ROOT, setup_bench_django

EVAL_DIR = ROOT.parent / "shared" / "eval"
PORT = "8798"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--load", action="store_true")
    args = parser.parse_args()
    setup_bench_django()
    from django.core.management import call_command

    from codingdesk import search

    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    count = search.index_rebuild()
    print(f"index build: {count:,} codes in {time.perf_counter() - started:.1f} s (target <= 30 s)")
    queries = bench_queries()
    report_in_process(search, queries)
    with served() as base:
        report_typeahead(base, queries)
        if args.load:
            report_load(base, queries)


def bench_queries() -> list[str]:
    typed = [json.loads(line)["query"] for name in ("dev.jsonl", "pcs_dev.jsonl") for line in open(EVAL_DIR / name)]
    prefixes = [query[:length] for query in typed for length in range(3, len(query), 4)]
    return typed + prefixes


def report_in_process(search, queries: list[str]) -> None:
    for query in queries:  # warm-up
        search.search(query)
    timings = []
    for query in queries:
        started = time.perf_counter()
        search.search(query)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"search in process ({len(queries)} queries): p50 {percentile(timings, 50):.1f} ms, "
          f"p99 {percentile(timings, 99):.1f} ms (targets 3 / 15 ms)")


def report_typeahead(base: str, queries: list[str]) -> None:
    timings = []
    for query in queries:
        url = f"{base}/search/typeahead?q={urllib.parse.quote(query)}"
        started = time.perf_counter()
        urllib.request.urlopen(url).read()
        timings.append((time.perf_counter() - started) * 1000)
    print(f"type-ahead over localhost ({len(queries)} requests): p50 {percentile(timings, 50):.1f} ms, "
          f"p95 {percentile(timings, 95):.1f} ms (target p95 <= 30 ms)")


def report_load(base: str, queries: list[str]) -> None:
    """wrk with 50 connections for 60 s, each request a different query."""
    paths = [f"/api/v1/search?q={urllib.parse.quote(query)}" for query in queries]
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write("paths = {" + ",".join(json.dumps(path) for path in paths) + "}\n")
    script.write("counter = 0\nrequest = function()\n  counter = counter + 1\n"
                 "  return wrk.format('GET', paths[(counter % #paths) + 1])\nend\n")
    script.write("done = function(summary, latency, requests)\n"
                 "  io.write(string.format('errors: connect %d, read %d, write %d, status %d, timeout %d\\n',"
                 " summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,"
                 " summary.errors.timeout))\nend\n")
    script.close()
    output = subprocess.run(
        ["wrk", "-t2", "-c50", "-d60s", "--latency", "-s", script.name, base], capture_output=True, text=True, check=True
    ).stdout
    print("load: 50 connections for 60 s on /api/v1/search (wrk)")
    print("\n".join("  " + line for line in output.splitlines() if line.strip()))


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


class served:
    """gunicorn with the default two workers, as `make run` starts it."""

    def __enter__(self) -> str:
        self.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
             "--workers", "2"],
            cwd=ROOT, stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/search/typeahead?q=warm").read()
                return base
            except OSError:
                time.sleep(0.1)
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        self.server.terminate()
        self.server.wait()


if __name__ == "__main__":
    main()
