"""In-process adapter for ../shared/eval/eval_search.py (its --py backend), so
the development sets run in seconds against the bench database:

    cd ../shared/eval && python3 eval_search.py --set dev.jsonl \\
        --py eval_adapter:search --root ../../main/bench

(bench/imports.py builds the bench database first.)
"""

from _django import setup_bench_django

setup_bench_django()

from codingdesk import search as code_search  # noqa: E402


def search(query: str, system: str, k: int) -> list[dict]:
    return [{"code": result.code} for result in code_search.search(query, system=system or None, limit=k).results]
