"""HCPCS codes for a drug (handlers/codes/drugs.py and the search's literal
drug-name match): a generic name is matched in HCPCS titles by the search,
a brand name by its generic name read from the release in force."""

import datetime

import pytest

from codingdesk import search
from codingdesk.assistant.engines.base import Question
from codingdesk.assistant.engines.handlers.codes import handle_code_for
from codingdesk.assistant.engines.handlers.codes.drugs import drug_named
from codingdesk.codesets.services import code_release_import
from tests.codesets.fixture_files import FIXTURES

AS_OF = datetime.date(2026, 7, 15)


def hcpcs_record(template: str, code: str, long_title: str, short_title: str) -> str:
    """A first-line record in the official layout: code in 1-5, long title in
    12-91, short title in 92-119, termination date in 285-292 (blank: active)."""
    return (code + template[5:11] + long_title.ljust(80) + short_title.ljust(28) + template[119:284]
            + " " * 8 + template[292:])


def import_dexamethasone_release(tmp_path, *, oral_title: str) -> None:
    """A HCPCS release holding the injection J1100 and an oral J8540 titled ``oral_title``."""
    lines = (FIXTURES / "hcpcs/october_2025_records.txt").read_text(encoding="ascii").splitlines()
    template = next(line for line in lines if line.startswith("J2780"))
    # A whole release holds modifiers too: the fixture's LT record stands for them.
    records = [line for line in lines if line[:5].strip() == "LT"] + [
        hcpcs_record(template, "J1100", "Injection, dexamethasone sodium phosphate, 1 mg", "Dexamethasone sodium phos"),
        hcpcs_record(template, "J8540", oral_title, "Oral dexamethasone"),
    ]
    path = tmp_path / "HCPC2025_OCT_ANWEB.txt"
    path.write_text("\r\n".join(records) + "\r\n", encoding="ascii")
    code_release_import(system="hcpcs", paths=[path])
    search.index_rebuild()


@pytest.fixture
def dexamethasone_codes(db, tmp_path):
    import_dexamethasone_release(tmp_path, oral_title="Dexamethasone, oral, 0.25 mg")


def test_the_hcpcs_code_naming_the_drug_and_route_comes_first(dexamethasone_codes):
    answer = handle_code_for(Question(text="HCPCS code for dexamethasone injection", as_of=AS_OF))
    assert [mention.code for mention in answer.codes][:2] == ["J1100", "J8540"]
    # Found by the search's literal drug-name match, beside the drug-class rewrite.
    assert "dexamethasone → glucocorticoids and synthetic analogues (drug class)" in answer.markdown


def test_a_brand_name_is_read_as_the_generic_name_hcpcs_titles_use():
    assert drug_named("Kenalog 10 mg injection") == "triamcinolone acetonide"
    assert drug_named("depo medrol 80 mg injection") == "methylprednisolone acetate"
    assert drug_named("dexamethasone injection") is None  # a generic name: the search matches it itself


def test_the_dose_asked_for_picks_the_code_of_that_dose():
    from codingdesk.assistant.engines.handlers.codes.drugs import _dose

    assert _dose("depo medrol 80 mg injection") == _dose("Injection, methylprednisolone acetate, 80 mg")
    assert _dose("depo medrol 80 mg injection") != _dose("Injection, methylprednisolone acetate, 40 mg")


def test_route_shorthand_is_the_route_word_of_the_hcpcs_titles():
    from codingdesk.assistant.engines.handlers.codes.drugs import route_named

    assert route_named("Zofran 4 mg IV push") == "injection"
    assert route_named("Toradol 60 mg IM") == "injection"
    assert route_named("zofran 4 mg po") == "oral"
    assert route_named("Kenalog 10 mg injection") == "injection"
    assert route_named("Zofran 4 mg") is None


@pytest.fixture
def dexamethasone_dose_codes(db, tmp_path):
    import_dexamethasone_release(tmp_path, oral_title="Dexamethasone, oral, 4 mg")


def test_a_route_named_outranks_an_oral_code_of_the_same_dose(dexamethasone_dose_codes):
    # "Decadron 4 mg IV": 4 units of the per-1-mg injection, not the 4 mg tablet.
    answer = handle_code_for(Question(text="Decadron 4 mg IV hcpcs", as_of=AS_OF))
    assert [mention.code for mention in answer.codes][0] == "J1100"
