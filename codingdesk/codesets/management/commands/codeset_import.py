"""Import official code-set releases: ``codingdesk import <system> <file-or-dir>``
or ``codingdesk import --all`` (everything in CODINGDESK_DATA_DIR, plus the
ICD-10-CM tabular shipped in simple-icd-10-cm). Writes Release, Code, Note
and AxisDefinition rows through services.code_release_import, then rebuilds
this node's search index."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from codingdesk import search
from codingdesk.codesets.importers import IMPORTERS, importer_for
from codingdesk.codesets.importers.base import ImportFileError
from codingdesk.codesets.services import code_release_import


class Command(BaseCommand):
    help = "Import an official code-set release file, or every release in the data directory."

    def add_arguments(self, parser):
        parser.add_argument("system", nargs="?", choices=sorted(IMPORTERS), help="Code system of the file.")
        parser.add_argument("path", nargs="?", help="A release file, or a folder holding release files.")
        parser.add_argument("--all", action="store_true", help="Import every release in CODINGDESK_DATA_DIR.")

    def handle(self, *args, system=None, path=None, all=False, **options):
        if all == bool(system or path):
            raise CommandError("Give either a system and a path, or --all.")
        if all:
            jobs = self.jobs_in_data_dir(Path(settings.CODINGDESK_DATA_DIR))
        elif not path:
            raise CommandError(f"Give the file or folder to import for {system}.")
        else:
            jobs = [(system, group) for group in self.groups_for_path(system, Path(path))]
        if not jobs:
            raise CommandError(f"No {system} release files found in {path}.")
        created = [self.import_one(job_system, paths) for job_system, paths in jobs]
        if any(created):
            self.rebuild_search_index()

    def jobs_in_data_dir(self, data_dir: Path) -> list[tuple[str, list[Path]]]:
        if not data_dir.is_dir():
            self.stderr.write(f"Data directory {data_dir} does not exist; importing only the bundled ICD-10-CM.")
        # One pass per importer module, however many system names point at it.
        # The ICD-10-CM importer falls back to the tabular shipped in its package.
        return [
            (importer.SYSTEM, group)
            for importer in dict.fromkeys(IMPORTERS.values())
            for group in importer.find_sources(data_dir)
        ]

    def groups_for_path(self, system: str, path: Path) -> list[list[Path]]:
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        importer = importer_for(system)
        if path.is_dir():
            return importer.find_sources(path)
        # A file may have companions (the PCS definitions beside the tables).
        return [group for group in importer.find_sources(path.parent) if path.resolve() in group] or [[path]]

    def rebuild_search_index(self) -> None:
        """The search index mirrors the releases, so it follows every import."""
        count = search.index_rebuild()
        self.stdout.write(f"Search index rebuilt: {count:,} codes.")

    def import_one(self, system: str, paths: list[Path]) -> bool:
        """Import one release group; True when something new was written."""
        names = ", ".join(path.name for path in paths)
        progress = ProgressBar(f"{system}: {names}") if sys.stderr.isatty() else None
        try:
            outcomes = code_release_import(system=system, paths=paths, on_progress=progress)
        except ImportFileError as error:
            raise CommandError(f"Import refused: {error}. The releases already loaded are unchanged.") from error
        finally:
            if progress:
                progress.close()
        for outcome in outcomes:
            release = outcome.release
            if outcome.created:
                self.stdout.write(
                    f"Imported {release}: {release.code_count:,} codes, {release.billable_count:,} billable ({names})."
                )
            else:
                self.stdout.write(f"Skipped {release}: {names} is already loaded.")
        return any(outcome.created for outcome in outcomes)


class ProgressBar:
    """A tqdm bar fed by the import service's (done, total) callbacks."""

    def __init__(self, label: str):
        from tqdm import tqdm

        self.bar = tqdm(desc=label, unit=" codes", file=sys.stderr)

    def __call__(self, done: int, total: int) -> None:
        self.bar.total = total
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()
