"""Fetching the official release files and importing them: ``release_files_fetch``.

Run by the ``data_fetch`` command. Writes in the data directory (a
``.partial/`` working folder, then ``<folder>/<dataset>-<release>/`` per
dataset, e.g. ``hcpcs/hcpcs-2026-01/``) and, through the code-set, edits and
fees import services, the release tables.

Nothing is half-imported, in this order:

1. Every ZIP of the run is downloaded (or copied from the mirror folder) and
   verified, and the files the importers read are extracted into the run's
   own folder under ``.partial/``. A 404, a damaged ZIP, a missing file or an
   implausible size stops the run here, before anything is imported or
   placed: the data directory and the database are as they were.
2. Then dataset by dataset, in the order of ``sources.SOURCES``: the
   extracted files are imported in one transaction (all the releases of a
   dataset or none), and only then moved into the data directory with a
   rename, so an importer (``codingdesk import --all``) never sees half a
   file. An import refused by its importer stops the run: that dataset is
   neither imported nor placed; the datasets before it stay imported and
   placed, each whole; run it again once the cause is fixed (releases already
   loaded are skipped by checksum).

One run at a time per data directory (a lock file in ``.partial/``), which is
what lets a run remove what a killed run left in ``.partial/``.
"""

from __future__ import annotations

import datetime
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from codingdesk.codesets import importers as codeset_importers
from codingdesk.codesets.importers.base import ImportFileError
from codingdesk.codesets.services import code_release_import
from codingdesk.edits import importers as edit_importers
from codingdesk.edits.services import edit_release_import
from codingdesk.fees import importers as fee_importers
from codingdesk.fees.services import fee_release_import

from . import sources
from .download import FetchError, members_extract, zip_copy_from_mirror, zip_download, zip_verify

PARTIAL = ".partial"
DEFAULT_TIMEOUT = 60
ProgressCallback = Callable[[str], None]


@dataclass
class ReleaseImported:
    label: str  # "HCPCS 2026-01"
    app: str
    created: bool


@dataclass
class DatasetFetched:
    dataset: str
    release: str  # the first month of the release, "2026-01"
    zips: list[str]
    files: list[str]
    folder: Path | None = None  # where the files now are in the data directory
    releases: list[ReleaseImported] = field(default_factory=list)


@dataclass
class _Staged:
    source: sources.Source
    fetched: DatasetFetched
    folder: Path
    groups: list[list[Path]]


def release_files_fetch(
    *,
    data_dir: Path,
    datasets: list[str] | None = None,
    releases: list[str] | None = None,
    mirror_dir: Path | None = None,
    import_files: bool = True,
    today: datetime.date | None = None,
    on_progress: ProgressCallback | None = None,
) -> list[DatasetFetched]:
    """Download, verify, import and place ``datasets`` (all of them by
    default) for each release month in ``releases`` ("2026-07"; by default
    the release in force ``today``). Raises FetchError, naming the dataset,
    the file, its URL and what failed. ``mirror_dir`` (else the setting
    FETCH_MIRROR_DIR) replaces the download by a copy from that folder."""
    say = on_progress or (lambda message: None)
    plan = fetch_plan(datasets=datasets, releases=releases, today=today or timezone.localdate())
    mirror = mirror_dir or getattr(settings, "FETCH_MIRROR_DIR", "") or None
    data_dir = Path(data_dir)
    partial = data_dir / PARTIAL
    partial.mkdir(parents=True, exist_ok=True)
    with _run_lock(partial):
        run = Path(tempfile.mkdtemp(prefix="run-", dir=partial))
        try:
            staged = _download_and_stage(plan, run, Path(mirror) if mirror else None, say)
            for item in staged:
                if import_files:
                    _import(item, say)
                _place(item, data_dir, run, say)
            return [item.fetched for item in staged]
        finally:
            shutil.rmtree(run, ignore_errors=True)


def fetch_plan(
    *, datasets: list[str] | None, releases: list[str] | None, today: datetime.date
) -> list[tuple[sources.Source, tuple[int, int]]]:
    """(source, first month of its release) pairs, each once, oldest release first."""
    unknown = set(datasets or ()) - sources.SOURCES.keys()
    if unknown:
        raise ValueError(f"unknown dataset {', '.join(sorted(unknown))}; choose from {', '.join(sources.SOURCES)}")
    months = sorted({sources.release_parse(text) for text in releases} if releases else {sources.release_current(today)})
    chosen = [source for name, source in sources.SOURCES.items() if not datasets or name in datasets]
    plan = []
    for year, month in months:
        for source in chosen:
            pair = (source, sources.release_start(source, year, month))
            if pair not in plan:
                plan.append(pair)
    return plan


def _download_and_stage(plan, run: Path, mirror: Path | None, say: ProgressCallback) -> list[_Staged]:
    timeout = float(getattr(settings, "FETCH_TIMEOUT", 0) or DEFAULT_TIMEOUT)
    downloaded: dict[str, Path] = {}  # URL -> ZIP: PPRRVU and GPCI share one
    staged = []
    for source, (year, month) in plan:
        release = f"{year}-{month:02}"
        label = f"{source.name} {release}"
        folder = run / "staged" / source.folder / f"{source.name}-{release}"
        zips = sources.zip_files(source, year, month)
        files: list[str] = []
        for zip_file in zips:
            origin = str(mirror / zip_file.name) if mirror else zip_file.url
            if zip_file.url not in downloaded:
                target = run / "zips" / str(len(downloaded)) / zip_file.name
                target.parent.mkdir(parents=True)
                limits = {
                    "dataset": source.name, "name": zip_file.name, "target": target,
                    "min_bytes": source.min_bytes, "max_bytes": source.max_bytes,
                }
                if mirror:
                    say(f"{label}: copying {zip_file.name} from {mirror}")
                    size = zip_copy_from_mirror(mirror_dir=mirror, **limits)
                else:
                    say(f"{label}: downloading {zip_file.url}")
                    size = zip_download(url=zip_file.url, timeout=timeout, **limits)
                say(f"{label}: {zip_file.name}, {size:,} bytes")
                downloaded[zip_file.url] = target
            path = downloaded[zip_file.url]
            entries = zip_verify(dataset=source.name, path=path, origin=origin, members=source.members)
            files += [path.name for path in members_extract(path=path, entries=entries, folder=folder)]
        groups = _release_groups(source, folder)
        if not groups:
            names = ", ".join(zip_file.name for zip_file in zips)
            raise FetchError(source.name, f"the files in {names} make no release the importer recognizes")
        say(f"{label}: verified {', '.join(files)}")
        fetched = DatasetFetched(dataset=source.name, release=release, zips=[z.name for z in zips], files=files)
        staged.append(_Staged(source=source, fetched=fetched, folder=folder, groups=groups))
    return staged


def _release_groups(source: sources.Source, folder: Path) -> list[list[Path]]:
    """The importer's own view of the extracted files: its find_sources."""
    if source.app == "codesets":
        groups = codeset_importers.importer_for(source.import_as).find_sources(folder)
        # The ICD-10-CM importer falls back to its packaged tabular; only files fetched here count.
        return [group for group in groups if all(folder in path.parents for path in group)]
    if source.app == "edits":
        module = edit_importers.importer_for(source.import_as)
        return [group for group in module.find_sources(folder) if module.dataset_of(group) == source.import_as]
    return fee_importers.importer_for(source.import_as).find_sources(folder)


def _import(item: _Staged, say: ProgressCallback) -> None:
    """All the releases of one dataset in one transaction: all or none."""
    source, label = item.source, f"{item.source.name} {item.fetched.release}"
    imported = []
    try:
        with transaction.atomic():
            for group in item.groups:
                if source.app == "codesets":
                    outcomes = code_release_import(system=source.import_as, paths=group)
                elif source.app == "edits":
                    outcomes = [edit_release_import(dataset=source.import_as, paths=group)]
                else:
                    outcomes = [fee_release_import(dataset=source.import_as, paths=group)]
                imported += [ReleaseImported(str(o.release), source.app, o.created) for o in outcomes]
    except ImportFileError as error:
        raise FetchError(
            source.name, f"the import was refused: {error}. Nothing of {source.name} was imported or kept"
        ) from error
    item.fetched.releases = imported
    for release in imported:
        say(f"{label}: {'imported' if release.created else 'already loaded:'} {release.label}")


def _place(item: _Staged, data_dir: Path, run: Path, say: ProgressCallback) -> None:
    """Move the dataset's folder into the data directory with renames (the
    same file system: .partial/ is inside it), replacing an earlier fetch of
    the same release."""
    target = data_dir / item.source.folder / item.folder.name
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        os.rename(target, run / f"replaced-{item.folder.name}")
    os.rename(item.folder, target)
    item.fetched.folder = target
    say(f"{item.source.name} {item.fetched.release}: files in {target}")


@contextmanager
def _run_lock(partial: Path) -> Iterator[None]:
    with (partial / "lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FetchError("data fetch", f"another data fetch is running in {partial.parent}") from None
        # Holding the lock, whatever else is in .partial/ was left by a killed run.
        for leftover in partial.iterdir():
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            elif leftover.name != "lock":
                leftover.unlink()
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
