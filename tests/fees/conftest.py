"""Fixtures shared by the fee tests: the fixture files under their official
names, both releases imported through the import service, and a throwaway
NinjaAPI holding only the fees router (config/api.py is not touched)."""

from pathlib import Path
from typing import NamedTuple

import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient

from codingdesk.fees.api import router
from codingdesk.fees.models import FeeRelease
from codingdesk.fees.services import fee_release_import

from .fee_files import write_gpci, write_pprrvu

api = NinjaAPI(urls_namespace="fees-test")
api.add_router("/v1/", router)


class FeeReleases(NamedTuple):
    rvu: FeeRelease
    gpci: FeeRelease


@pytest.fixture
def rvu_file(tmp_path) -> Path:
    (folder := tmp_path / "rvu").mkdir()
    return write_pprrvu(folder)


@pytest.fixture
def gpci_file(tmp_path) -> Path:
    (folder := tmp_path / "gpci").mkdir()
    return write_gpci(folder)


@pytest.fixture
def fee_releases(db, rvu_file, gpci_file) -> FeeReleases:
    """The January 2026 RVU fixture (2026-A) and the 2026 GPCI fixture."""
    rvu = fee_release_import(dataset="rvu", paths=[rvu_file]).release
    gpci = fee_release_import(dataset="gpci", paths=[gpci_file]).release
    return FeeReleases(rvu=rvu, gpci=gpci)


@pytest.fixture
def fees_client() -> TestClient:
    return TestClient(api)
