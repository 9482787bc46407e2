"""Fixtures for the edits tests: releases imported through the import
service from small files in the official layouts (ncci_files.py), and a
client for the edits router."""

from pathlib import Path

import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient

from codingdesk.edits.api import router
from codingdesk.edits.importers import mue, ptp
from codingdesk.edits.models import EditRelease
from codingdesk.edits.services import edit_release_import

from .ncci_files import write_mue, write_ptp


def import_ptp(folder: Path, lines: list[str], name: str = "ccipra-v322r0-f1.txt") -> EditRelease:
    path = write_ptp(folder / name.removesuffix(".txt"), lines, name=name)
    return edit_release_import(dataset=ptp.dataset_of([path]), paths=[path]).release


def import_mue(folder: Path, lines: list[str], name: str = "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv") -> EditRelease:
    path = write_mue(folder / name.removesuffix(".csv"), lines, name=name)
    return edit_release_import(dataset=mue.dataset_of([path]), paths=[path]).release


@pytest.fixture(scope="session")
def edits_api() -> TestClient:
    """The router is registered in config/api.py by hand; here it is mounted
    on an API of its own, without API keys, so it is tested alone."""
    api = NinjaAPI(urls_namespace="edits-test")
    api.add_router("/v1/", router)
    return TestClient(api)
