"""List every imported release: ``codingdesk releases [--json]``. Reads only."""

import json

from django.core.management.base import BaseCommand

from codingdesk.codesets.selectors import release_list


class Command(BaseCommand):
    help = "List every imported code-set release."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print a JSON list instead of a table.")

    def handle(self, *args, as_json=False, **options):
        rows = [release_as_dict(release) for release in release_list()]
        if as_json:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        if not rows:
            self.stdout.write("No releases imported yet. Run: codingdesk import --all")
            return
        self.stdout.write(f"{'system':<15} {'version':<10} {'effective':<24} {'codes':>8} {'billable':>9}")
        for row in rows:
            effective = f"{row['effective_from']} to {row['effective_to'] or '…'}"
            self.stdout.write(
                f"{row['system']:<15} {row['version']:<10} {effective:<24} {row['code_count']:>8} {row['billable_count']:>9}"
            )


def release_as_dict(release) -> dict:
    return {
        "system": release.system,
        "version": release.version,
        "effective_from": release.effective_from.isoformat(),
        "effective_to": release.effective_to.isoformat() if release.effective_to else None,
        "code_count": release.code_count,
        "billable_count": release.billable_count,
        "source_files": release.source_files,
        "imported_at": release.imported_at.isoformat(),
    }

