"""Import official releases: ``codingdesk import <system> <file-or-dir>`` or
``codingdesk import --all`` (everything in CODINGDESK_DATA_DIR, plus the
ICD-10-CM tabular shipped in simple-icd-10-cm; CPT only from its cpt/
folder). Code sets go through services.code_release_import (then this node's
search index is rebuilt); the NCCI and MUE files through the edits app's
import service; the fee schedule files through the fees app's."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from codingdesk import search
from codingdesk.codesets.importers import IMPORTERS, importer_for
from codingdesk.codesets.importers.base import ImportFileError
from codingdesk.codesets.services import code_release_import
from codingdesk.coverage.services import coverage_import_all
from codingdesk.edits.services import edits_import_all
from codingdesk.fees.services import fees_import_all

FORMATS = """formats:
  icd10cm         CDC tabular XML, icd10cm-tabular-<Month>-<day>-<year>.xml
  icd10pcs        CMS tables XML, icd10pcs_tables_<year>.xml (definitions XML beside it)
  hcpcs           CMS quarterly fixed-width file, HCPC<year>_<MON>_ANWEB.txt (also fills
                  hcpcs_modifier)
  cpt             the site's licensed AMA data files: a folder holding LONGULT.txt
                  (required), MEDU.txt and SHORTU.txt (code <tab> descriptor), or a CSV
                  with the header code,long,medium,short; the release is the year in
                  the folder or file name (CPT2026/, cpt2026.csv) or --version.
                  --all reads CPT only from CODINGDESK_DATA_DIR/cpt/.
  ncci            CMS NCCI PTP files (ccipra-v<ver>r<rev>-f<part>.txt, ccioph-...) and
                  MUE files (MCR_MUE_<Setting>Services_Eff_<MM-DD-YYYY>.csv) in a folder
  mpfs            CMS physician fee schedule files in a folder: PPRRVU<yy>_<QTR>.csv
                  and the GPCI file (Addendum E, GPCI<year>.csv)
  coverage        the Medicare Coverage Database index of LCDs and articles,
                  mcd_lcd_article_documents_<YYYY-MM-DD>.csv, in a folder"""

# Data sets that are not code systems, each imported by its own app.
DATASET_IMPORTERS = {"ncci": edits_import_all, "mpfs": fees_import_all, "coverage": coverage_import_all}


class Command(BaseCommand):
    help = "Import an official code-set release file, or every release in the data directory."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # "resolve" lets --version name a CPT release instead of printing Django's version.
        kwargs.update(conflict_handler="resolve", epilog=FORMATS, formatter_class=FormatsHelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "system", nargs="?", choices=sorted([*IMPORTERS, *DATASET_IMPORTERS]), help="What the files hold."
        )
        parser.add_argument("path", nargs="?", help="A release file, or a folder holding release files.")
        parser.add_argument("--all", action="store_true", help="Import every release in CODINGDESK_DATA_DIR.")
        parser.add_argument(
            "--version", metavar="YEAR", help="CPT only: the release, 2026 (or 2026-07 for a mid-year file)."
        )

    def handle(self, *args, system=None, path=None, all=False, version=None, **options):
        if all == bool(system or path):
            raise CommandError("Give either a system and a path, or --all.")
        if version and (all or system != "cpt"):
            raise CommandError("--version names a CPT release; other files carry their release in their names.")
        if system in DATASET_IMPORTERS:
            self.import_dataset(system, Path(path or ""))
            return
        if all:
            jobs = self.jobs_in_data_dir(Path(settings.CODINGDESK_DATA_DIR))
        elif not path:
            raise CommandError(f"Give the file or folder to import for {system}.")
        else:
            jobs = [(system, group) for group in self.groups_for_path(system, Path(path))]
        if not jobs:
            raise CommandError(f"No {system} release files found in {path}.")
        created = [self.import_one(job_system, paths, version) for job_system, paths in jobs]
        if any(created):
            self.rebuild_search_index()
        if all:
            for dataset in DATASET_IMPORTERS:
                self.import_dataset(dataset, Path(settings.CODINGDESK_DATA_DIR), quiet_if_none=True)

    def import_dataset(self, dataset: str, folder: Path, quiet_if_none: bool = False) -> None:
        """Every NCCI/MUE (ncci) or fee schedule (mpfs) release in a folder;
        each release is imported atomically on its own."""
        if not folder.is_dir():
            if quiet_if_none:
                return
            raise CommandError(f"Give the folder holding the {dataset} files; {folder} is not a folder.")
        try:
            outcomes = DATASET_IMPORTERS[dataset](data_dir=folder)
        except ImportFileError as error:
            raise CommandError(f"Import refused: {error}. The releases already loaded are unchanged.") from error
        if not outcomes and not quiet_if_none:
            raise CommandError(f"No {dataset} release files found in {folder}.")
        for outcome in outcomes:
            release = outcome.release
            verb = "Imported" if outcome.created else "Skipped (already loaded)"
            self.stdout.write(f"{verb} {release.get_dataset_display()} {release.version}: {release.row_count:,} rows.")

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
        # A folder named here is read as is, even where --all looks only in a
        # sub-folder of the data directory (CPT: cpt/).
        find_sources = getattr(importer, "find_sources_in", importer.find_sources)
        if path.is_dir():
            return find_sources(path)
        # A file may have companions (the PCS definitions beside the tables,
        # CPT's MEDU.txt and SHORTU.txt beside LONGULT.txt).
        path = path.resolve()
        return [group for group in find_sources(path.parent) if path in group] or [[path]]

    def rebuild_search_index(self) -> None:
        """The search index mirrors the releases, so it follows every import."""
        count = search.index_rebuild()
        self.stdout.write(f"Search index rebuilt: {count:,} codes.")

    def import_one(self, system: str, paths: list[Path], version: str | None = None) -> bool:
        """Import one release group; True when something new was written."""
        names = ", ".join(path.name for path in paths)
        progress = ProgressBar(f"{system}: {names}") if sys.stderr.isatty() else None
        try:
            named = {"version": version} if version else {}
            outcomes = code_release_import(system=system, paths=paths, on_progress=progress, **named)
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


class FormatsHelpFormatter(DjangoHelpFormatter):
    """Keeps the line breaks of the formats list under --help."""

    def _fill_text(self, text, width, indent):
        return "".join(indent + line for line in text.splitlines(keepends=True))


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
