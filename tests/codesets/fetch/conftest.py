"""Fixtures for the fetch tests: a real HTTP server on loopback serving the
release ZIPs we build (release_zips.py), settings pointing at it, a data
directory of the test's own, and size bounds small enough for our files."""

from __future__ import annotations

import dataclasses
import http.server
import threading
from functools import partial
from pathlib import Path
from typing import NamedTuple

import pytest

from codingdesk.codesets.fetch import sources

from .release_zips import PTP_PARTS, write_release_zips


class Server(NamedTuple):
    url: str
    cms: Path  # the folder served at <url>/cms/
    cdc: Path  # the folder served at <url>/cdc/2026/
    requests: list[tuple[str, str]]  # (path, User-Agent) of every request


@pytest.fixture
def release_server(tmp_path, settings):
    """CMS's ZIPs under /cms/, CDC's under /cdc/2026/ (the base URL holds {fiscal_year})."""
    root = tmp_path / "site"
    cms, cdc = root / "cms", root / "cdc" / "2026"
    cdc.mkdir(parents=True)
    for name, path in write_release_zips(cms).items():
        if name.startswith("icd10cm"):
            path.rename(cdc / name)
    requests: list[tuple[str, str]] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            requests.append((self.path, self.headers.get("User-Agent", "")))
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.FETCH_CMS_BASE_URL = f"{url}/cms/"
    settings.FETCH_CDC_BASE_URL = f"{url}/cdc/{{fiscal_year}}/"
    try:
        yield Server(url=url, cms=cms, cdc=cdc, requests=requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def data_dir(tmp_path, settings) -> Path:
    settings.CODINGDESK_DATA_DIR = tmp_path / "data"
    return settings.CODINGDESK_DATA_DIR


@pytest.fixture(autouse=True)
def fetch_settings(settings):
    settings.FETCH_NCCI_PTP_PARTS = PTP_PARTS
    settings.FETCH_MIRROR_DIR = ""
    settings.FETCH_TIMEOUT = 5


@pytest.fixture(autouse=True)
def small_bounds(monkeypatch):
    """Our files are a few kilobytes; the real bounds are in megabytes."""
    for name, source in sources.SOURCES.items():
        members = tuple(dataclasses.replace(member, min_bytes=1) for member in source.members)
        monkeypatch.setitem(sources.SOURCES, name, dataclasses.replace(source, min_bytes=1, members=members))


def bounds_set(monkeypatch, dataset: str, **changes) -> None:
    """Change one dataset's ZIP bounds (min_bytes, max_bytes) or, with member_*, its first member's."""
    source = sources.SOURCES[dataset]
    member_changes = {key.removeprefix("member_"): value for key, value in changes.items() if key.startswith("member_")}
    zip_changes = {key: value for key, value in changes.items() if not key.startswith("member_")}
    members = (dataclasses.replace(source.members[0], **member_changes), *source.members[1:])
    monkeypatch.setitem(sources.SOURCES, dataset, dataclasses.replace(source, members=members, **zip_changes))


def files_in(folder: Path) -> list[str]:
    """Every file under ``folder``, relative, but the fetch lock (it stays)."""
    if not folder.exists():
        return []
    return sorted(
        str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file() and path.name != "lock"
    )
