"""The Index's default code for a condition named alone (vocabulary/index_defaults.tsv)."""

import simple_icd_10_cm as icd10cm

from codingdesk import search
from codingdesk.search._query import analyze
from codingdesk.search._vocabulary import INDEX_DEFAULTS_FILE, VOCABULARY_DIR, read_tsv

DEFAULTS = [(term, note) for term, _code, note in read_tsv(VOCABULARY_DIR / INDEX_DEFAULTS_FILE)]
RAW_CODES = [
    line.split("\t")[1]
    for line in (VOCABULARY_DIR / INDEX_DEFAULTS_FILE).read_text().splitlines()[1:]
    if line and not line.startswith("#") and not line.startswith("term\t")
]


def test_every_default_is_a_billable_code_of_the_tabular():
    for code in RAW_CODES:
        assert icd10cm.is_valid_item(code) and icd10cm.is_leaf(code), code


def test_every_default_names_its_index_entry():
    assert all(note for _term, note in DEFAULTS)


def test_a_condition_named_alone_gets_its_index_default():
    assert analyze("hypertension", None, "icd10cm").index_default == "i10"
    assert analyze("HTN", None, "icd10cm").index_default == "i10"


def test_a_condition_with_more_words_is_searched_as_usual():
    assert analyze("hypertension with chronic kidney disease", None, "icd10cm").index_default == ""


def test_the_default_ranks_first_and_says_why(indexed_sample):
    (top, *_) = search.search("type 2 diabetes").results
    assert top.code == "E11.9"
    assert "the Alphabetic Index's default for this term" in top.matched


def test_more_conditions_named_alone_get_their_index_default():
    # Index: Hyponatremia E87.1; Neuropathy G62.9; Thrombosis, vein, deep I82.40-; Tonsillitis (acute) J03.90.
    assert analyze("hyponatremia", None, "icd10cm").index_default == "e87 1"
    assert analyze("neuropathy", None, "icd10cm").index_default == "g62 9"
    assert analyze("DVT", None, "icd10cm").index_default == "i82 409"
    assert analyze("tonsillitis", None, "icd10cm").index_default == "j03 90"
    assert analyze("hearing loss", None, "icd10cm").index_default == "h91 90"
