"""Download the official release files and import them: ``codingdesk data fetch
[--only DATASET ...] [--release 2026-07 ...] [--mirror DIR] [--no-import]``.

Run by hand or from cron once a quarter. Writes the verified files under
CODINGDESK_DATA_DIR (``<folder>/<dataset>-<release>/``, working files in
``.partial/``), the releases through the code-set, edits and fees import
services (codesets.fetch.services.release_files_fetch), then rebuilds this
node's search index when a code set changed.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from codingdesk import search
from codingdesk.codesets.fetch.download import FetchError
from codingdesk.codesets.fetch.services import release_files_fetch
from codingdesk.codesets.fetch.sources import SOURCES


class Command(BaseCommand):
    help = "Download, verify and import the official release files (CDC and CMS) into the data directory."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", nargs="+", metavar="DATASET", choices=list(SOURCES),
            help=f"Fetch only these datasets: {', '.join(SOURCES)}. Default: all.",
        )
        parser.add_argument(
            "--release", nargs="+", metavar="YYYY-MM",
            help="The release in force in this month (2026-07: July 2026), one or more. Default: this month.",
        )
        parser.add_argument(
            "--mirror", metavar="DIR",
            help="Copy the ZIPs from this folder instead of downloading them (default: FETCH_MIRROR_DIR).",
        )
        parser.add_argument("--no-import", action="store_true", help="Download, verify and place the files only.")

    def handle(self, *args, only=None, release=None, mirror=None, no_import=False, **options):
        data_dir = Path(settings.CODINGDESK_DATA_DIR)
        if mirror and not Path(mirror).is_dir():
            raise CommandError(f"The mirror folder {mirror} does not exist.")
        try:
            fetched = release_files_fetch(
                data_dir=data_dir,
                datasets=only,
                releases=release,
                mirror_dir=Path(mirror) if mirror else None,
                import_files=not no_import,
                on_progress=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        except FetchError as error:
            raise CommandError(
                f"Fetch failed: {error}. Nothing of {error.dataset} was imported and its files were not kept."
            ) from error
        releases = [imported for item in fetched for imported in item.releases]
        created = [imported for imported in releases if imported.created]
        zips = len({name for item in fetched for name in item.zips})
        summary = f"Fetched {_count(len(fetched), 'dataset')} ({_count(zips, 'ZIP file')}) into {data_dir}"
        if no_import:
            self.stdout.write(f"{summary}; nothing imported (--no-import).")
        else:
            already = len(releases) - len(created)
            self.stdout.write(f"{summary}: {len(created)} release(s) imported, {already} already loaded.")
        if any(imported.app == "codesets" for imported in created):
            count = search.index_rebuild()
            self.stdout.write(f"Search index rebuilt: {count:,} codes.")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
