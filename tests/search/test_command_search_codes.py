import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("search_codes", *args, stdout=out)
    return out.getvalue()


def test_it_prints_json(indexed_sample):
    body = json.loads(run("--json", "--limit", "1", "whiplash"))
    assert body["results"][0]["code"] == "S13.4XXA"


def test_it_prints_a_table_with_reasons(indexed_sample):
    output = run("atlanto-axial sprain")
    assert "S13.4XXA" in output and "why: inclusion term: Sprain of atlanto-axial (joints)" in output


def test_it_reads_one_query_per_line(indexed_sample, monkeypatch):
    lines = run("--stdin", "--json", stdin="e11.9\nwhiplash\n", monkeypatch=monkeypatch).splitlines()
    assert [json.loads(line)["results"][0]["code"] for line in lines] == ["E11.9", "S13.4XXA"]


def test_it_needs_a_query_or_stdin(indexed_sample):
    with pytest.raises(CommandError, match="Give a query"):
        run()


def test_the_index_command_builds_only_when_needed(indexed_sample):
    out = io.StringIO()
    call_command("search_index", "--if-needed", stdout=out)
    assert "up to date" in out.getvalue()
