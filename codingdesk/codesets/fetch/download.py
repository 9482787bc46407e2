"""Getting one release ZIP onto disk and proving it whole, for ``data_fetch``.

A ZIP is streamed over HTTP(S) with urllib (or copied from a mirror folder
for offline installs) into a temporary folder, then checked: it is a ZIP,
every member's CRC is right (``ZipFile.testzip``), the files the importer
needs are in it, and the download and those files are of plausible size.
Only the needed files are then extracted, flattened to their base names (a
member path can never point outside the folder), into a folder of the
caller's choosing. Nothing here writes outside the folders it is given.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from .sources import Member

CHUNK = 1 << 20
USER_AGENT = "CodingDesk-data-fetch/1 (self-hosted medical coding workbench)"


class FetchError(Exception):
    """A download or check that failed; the message names the dataset, the
    file, where it came from and what was wrong."""

    def __init__(self, dataset: str, problem: str):
        self.dataset = dataset
        self.problem = problem
        super().__init__(f"{dataset}: {problem}")


def zip_download(
    *, dataset: str, name: str, url: str, target: Path, min_bytes: int, max_bytes: int, timeout: float
) -> int:
    """Stream ``url`` into ``target``; the number of bytes written."""
    if not url.startswith(("http://", "https://")):
        raise FetchError(dataset, f"{name}: {url} is not an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    failed = f"{name} could not be downloaded from {url}"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(dataset, _too_large(name, url, int(declared), max_bytes))
            size = _copy_capped(response, target, max_bytes)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise FetchError(dataset, f"{name} was not found at {url} (HTTP 404)") from None
        raise FetchError(dataset, f"{failed} (HTTP {error.code} {error.reason})") from None
    except urllib.error.URLError as error:
        raise FetchError(dataset, f"{failed}: {error.reason}") from None
    except TimeoutError:
        raise FetchError(dataset, f"{failed}: no answer within {timeout:g} s") from None
    except OSError as error:
        # A connection dropped mid-body, say.
        raise FetchError(dataset, f"{failed}: {error}") from None
    if size > max_bytes:
        raise FetchError(dataset, _too_large(name, url, size, max_bytes))
    if size < min_bytes:
        raise FetchError(dataset, f"{name} from {url} is {size:,} bytes, less than the {min_bytes:,} expected; refused")
    return size


def zip_copy_from_mirror(
    *, dataset: str, name: str, mirror_dir: Path, target: Path, min_bytes: int, max_bytes: int
) -> int:
    """The ZIP of the same name from a mirror folder, for offline installs."""
    source = Path(mirror_dir) / name
    if not source.is_file():
        raise FetchError(dataset, f"{name} was not found in the mirror folder {mirror_dir}")
    size = source.stat().st_size
    if size > max_bytes:
        raise FetchError(dataset, _too_large(name, str(source), size, max_bytes))
    if size < min_bytes:
        problem = f"{name} in {mirror_dir} is {size:,} bytes, less than the {min_bytes:,} expected; refused"
        raise FetchError(dataset, problem)
    shutil.copyfile(source, target)
    return size


def zip_verify(*, dataset: str, path: Path, origin: str, members: tuple[Member, ...]) -> list[zipfile.ZipInfo]:
    """Check the ZIP at ``path`` whole and holding what ``members`` ask for;
    the entries to extract. ``origin`` (a URL or mirror path) goes in messages."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            entries = [entry for entry in archive.infolist() if not entry.is_dir()]
            damaged = _first_damaged(archive, entries)
    except zipfile.BadZipFile as error:
        raise FetchError(dataset, f"{name} from {origin} is not a valid ZIP: {error}{_looks_like(path)}") from None
    if damaged is not None:
        raise FetchError(dataset, f"{name} from {origin} is not a valid ZIP: {damaged}")
    chosen: list[zipfile.ZipInfo] = []
    for member in members:
        matching = [entry for entry in entries if member.pattern.search(_base_name(entry))]
        if not matching and member.required:
            held = ", ".join(_base_name(entry) for entry in entries) or "nothing"
            raise FetchError(dataset, f"{name} from {origin} holds no {member.label} (it holds {held})")
        for entry in matching:
            if not member.min_bytes <= entry.file_size <= member.max_bytes:
                raise FetchError(
                    dataset,
                    f"{_base_name(entry)} in {name} is {entry.file_size:,} bytes, outside the "
                    f"{member.min_bytes:,} to {member.max_bytes:,} expected for {member.label}; refused",
                )
        chosen.extend(entry for entry in matching if entry not in chosen)
    names = [_base_name(entry) for entry in chosen]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise FetchError(dataset, f"{name} from {origin} holds {', '.join(twice)} more than once, in different folders")
    return chosen


def members_extract(*, path: Path, entries: list[zipfile.ZipInfo], folder: Path) -> list[Path]:
    """Extract ``entries`` of the verified ZIP into ``folder`` under their base names."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with zipfile.ZipFile(path) as archive:
        for entry in entries:
            target = folder / _base_name(entry)
            # ZipExtFile reads no more than the entry's declared size, which was checked.
            with archive.open(entry) as stream, target.open("wb") as out:
                shutil.copyfileobj(stream, out, CHUNK)
            written.append(target)
    return written


def _first_damaged(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> str | None:
    """What is wrong with the first bad member, or None. ZipFile.testzip()
    reads every member and checks its CRC, but lets damage in the compressed
    data escape as a zlib or EOF error without naming the member."""
    for entry in entries:
        try:
            with archive.open(entry) as stream:
                while stream.read(CHUNK):
                    pass
        except NotImplementedError as error:
            # Deflate64, say, which some Windows tools write for large files.
            return f"{entry.filename} uses a compression this Python cannot read ({error})"
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
            return f"{entry.filename} is damaged"
    return None


def _copy_capped(response, target: Path, max_bytes: int) -> int:
    """Bytes copied; it stops once past ``max_bytes``, so a result above it means too large."""
    size = 0
    with target.open("wb") as out:
        while size <= max_bytes and (block := response.read(CHUNK)):
            size += len(block)
            out.write(block)
    return size


def _too_large(name: str, origin: str, size: int, max_bytes: int) -> str:
    return f"{name} from {origin} is larger than the {max_bytes:,} bytes expected (at least {size:,}); refused"


def _base_name(entry: zipfile.ZipInfo) -> str:
    # Some ZIPs made on Windows separate folders with backslashes.
    return PurePosixPath(entry.filename.replace("\\", "/")).name


def _looks_like(path: Path) -> str:
    """A hint when the server sent a web page instead of the file."""
    with path.open("rb") as stream:
        head = stream.read(512).lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return " (the server sent a web page instead)"
    return ""
