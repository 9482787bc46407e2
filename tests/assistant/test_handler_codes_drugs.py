"""HCPCS codes for a drug (handlers/codes/drugs.py): the search rewrites a
drug's name into its class, so the HCPCS codes whose titles name the drug
are read from the release in force by that name."""

import datetime
from types import SimpleNamespace

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


@pytest.fixture
def dexamethasone_codes(db, tmp_path):
    lines = (FIXTURES / "hcpcs/october_2025_records.txt").read_text(encoding="ascii").splitlines()
    template = next(line for line in lines if line.startswith("J2780"))
    # A whole release holds modifiers too: the fixture's LT record stands for them.
    records = [line for line in lines if line[:5].strip() == "LT"] + [
        hcpcs_record(template, "J1100", "Injection, dexamethasone sodium phosphate, 1 mg", "Dexamethasone sodium phos"),
        hcpcs_record(template, "J8540", "Dexamethasone, oral, 0.25 mg", "Oral dexamethasone"),
    ]
    path = tmp_path / "HCPC2025_OCT_ANWEB.txt"
    path.write_text("\r\n".join(records) + "\r\n", encoding="ascii")
    code_release_import(system="hcpcs", paths=[path])
    search.index_rebuild()


def test_the_drug_is_read_from_a_drug_class_rewrite():
    rewritten = SimpleNamespace(matched=["dexamethasone → glucocorticoids and synthetic analogues (drug class)"])
    assert drug_named([SimpleNamespace(matched=[]), rewritten]) == "dexamethasone"


def test_no_drug_without_a_drug_class_rewrite():
    assert drug_named([SimpleNamespace(matched=["CKD = chronic kidney disease (abbreviation)"])]) is None


def test_the_hcpcs_code_naming_the_drug_and_route_comes_first(dexamethasone_codes):
    answer = handle_code_for(Question(text="HCPCS code for dexamethasone injection", as_of=AS_OF))
    assert [mention.code for mention in answer.codes][:2] == ["J1100", "J8540"]
    assert "HCPCS title names dexamethasone" in answer.markdown
