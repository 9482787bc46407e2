import datetime

import pytest

from codingdesk.assistant.verification import code_mention, code_mentions
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 7, 15)


@pytest.fixture
def icd10cm(tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])


def test_a_code_in_the_tables_is_valid_with_its_title(icd10cm):
    mention = code_mention("E11.9", as_of=DAY)
    assert (mention.system, mention.valid) == ("icd10cm", True)
    assert mention.title == "Type 2 diabetes mellitus without complications"


def test_an_invented_code_is_flagged(icd10cm):
    assert code_mention("E11.99", as_of=DAY).valid is False
    assert code_mention("W21.89A", as_of=DAY).valid is False


def test_a_code_before_its_release_took_effect_is_flagged(icd10cm):
    assert code_mention("E11.9", as_of=datetime.date(2020, 1, 1)).valid is False


def test_repeated_codes_are_checked_once(icd10cm):
    assert [mention.code for mention in code_mentions(["E11.9", "E11.9", "E15"], as_of=DAY)] == ["E11.9", "E15"]
