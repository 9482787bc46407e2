import pytest

from .claim_data import import_fee_schedule, import_ncci


@pytest.fixture
def ncci(db, tmp_path):
    import_ncci(tmp_path / "ncci")


@pytest.fixture
def fee_schedule(db, tmp_path):
    import_fee_schedule(tmp_path / "fees")


@pytest.fixture
def all_layers(ncci, fee_schedule):
    """PTP, MUE, RVU and GPCI releases in force on JULY_15 (practitioner)."""
