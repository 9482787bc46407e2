"""Fingerprints of release files, so an import can tell a file it already has."""

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def data_files(folder: Path, pattern: str = "*") -> list[Path]:
    """Files under ``folder`` matching ``pattern``, in name order, leaving out
    hidden folders such as the ``.partial/`` that ``data fetch`` downloads
    into: a half-fetched release must never be taken for a whole one."""
    folder = Path(folder)
    return sorted(
        path
        for path in folder.rglob(pattern)
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts[:-1])
    )
