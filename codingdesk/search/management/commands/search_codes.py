"""Search codes from the shell: ``codingdesk search [--system S] [--limit N]
[--json] QUERY``, or ``codingdesk search --stdin --json`` for one query per
input line and one JSON line per query. Reads the search index only."""

import json
import sys
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from codingdesk import search
from codingdesk.codesets.models import CodeSystem


class Command(BaseCommand):
    help = "Search every code set the way the search box does."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="*", help="What the chart says, or a code.")
        parser.add_argument("--system", choices=[choice.value for choice in CodeSystem])
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--billable", action="store_true", help="Billable codes only.")
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print JSON.")
        parser.add_argument("--stdin", action="store_true", help="Read one query per line from standard input.")

    def handle(self, *args, query, system, limit, billable, as_json, stdin, **options):
        if stdin == bool(query):
            raise CommandError("Give a query, or --stdin to read queries one per line.")
        queries = (line.rstrip("\n") for line in sys.stdin) if stdin else [" ".join(query)]
        for text in queries:
            try:
                response = search.search(text, system=system, limit=limit, billable_only=billable)
            except search.QueryTooLong as error:
                raise CommandError(str(error)) from error
            self.stdout.write(_as_json(response) if as_json else _as_table(response))


def _as_json(response) -> str:
    return json.dumps({"query": response.query, "results": [asdict(result) for result in response.results]})


def _as_table(response) -> str:
    if not response.results:
        return f"No codes found for {response.query!r}."
    lines = []
    for result in response.results:
        badge = "billable" if result.billable else "header"
        lines.append(f"{result.code:<10} {result.system:<15} {badge:<9} {result.title}")
        lines += [f"{'':>10}   why: {reason}" for reason in result.matched]
    return "\n".join(lines)
