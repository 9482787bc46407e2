"""The reviewed diagnosis vocabulary: abbreviations.tsv, lay_terms.tsv, eponyms.tsv,
drugs.tsv and neoplasms.tsv in codingdesk/search/vocabulary.

Read here with a small reader of its own, so a fault in the data is told apart
from a fault in the search engine's loader. Every word of every meaning must
occur in the April 1, 2026 ICD-10-CM tabular, so that each rewrite can match.
"""

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from tests.search.vocabulary_files import HEADER, lines, meanings, normalized, rows
import simple_icd_10_cm

VOCABULARY_DIR = Path(__file__).resolve().parents[2] / "codingdesk" / "search" / "vocabulary"
TABULAR = Path(simple_icd_10_cm.__file__).parent / "data" / "icd10c-tabular-April-1-2026.xml"
MINIMUM_ENTRIES = {
    "abbreviations.tsv": 300,
    "lay_terms.tsv": 300,
    "eponyms.tsv": 80,
    "drugs.tsv": 120,
    "neoplasms.tsv": 60,
}
FILES = tuple(MINIMUM_ENTRIES)
# Meaning words allowed although the tabular lacks them. Keep this empty unless truly needed.
ALLOWED_WORDS: frozenset[str] = frozenset()



@cache
def tabular_words() -> frozenset[str]:
    found: set[str] = set()
    for element in ET.parse(TABULAR).getroot().iter():
        if element.tag in ("desc", "note") and element.text:
            found.update(normalized(element.text).split())
    return frozenset(found)


@pytest.mark.parametrize("file_name", FILES)
def test_the_file_starts_with_the_header(file_name):
    assert lines(file_name)[0].split("\t") == HEADER


@pytest.mark.parametrize("file_name", FILES)
def test_every_entry_has_three_columns_and_a_meaning(file_name):
    for line in lines(file_name)[1:]:
        columns = line.split("\t")
        assert len(columns) == 3, line
        assert columns[0].strip() and columns[1].strip(), line


@pytest.mark.parametrize("file_name", FILES)
def test_terms_and_meanings_are_normalized(file_name):
    for term, means, _note in rows(file_name):
        assert term == normalized(term), term
        assert means == normalized(means), means


@pytest.mark.parametrize("file_name", FILES)
def test_no_term_means_the_same_thing_twice(file_name):
    pairs = [(term, means) for term, means, _note in rows(file_name)]
    duplicates = sorted({pair for pair in pairs if pairs.count(pair) > 1})
    assert not duplicates


@pytest.mark.parametrize("file_name", FILES)
def test_no_term_is_rewritten_to_itself(file_name):
    assert not [term for term, means, _note in rows(file_name) if term == means]


@pytest.mark.parametrize("file_name", FILES)
def test_each_file_holds_enough_entries(file_name):
    assert len(rows(file_name)) >= MINIMUM_ENTRIES[file_name]


@pytest.mark.parametrize("file_name", FILES)
def test_every_meaning_word_occurs_in_the_tabular(file_name):
    known = tabular_words() | ALLOWED_WORDS
    missing = sorted(
        {(means, word) for _term, means, _note in rows(file_name) for word in means.split() if word not in known}
    )
    assert not missing


def test_a_term_with_two_readings_in_different_files_means_the_same():
    """The engine keeps the first file's reading; a second file must not
    silently disagree with it."""
    first: dict[str, tuple[str, set[str]]] = {}
    clashes = []
    for file_name in FILES:
        here: dict[str, set[str]] = {}
        for term, means, _note in rows(file_name):
            here.setdefault(term, set()).add(means)
        for term, found in here.items():
            if term in first and not found & first[term][1]:
                clashes.append((term, first[term][0], file_name))
            first.setdefault(term, (file_name, found))
    assert not clashes


@pytest.mark.parametrize(
    ("file_name", "term", "means"),
    [
        ("abbreviations.tsv", "htn", "hypertension"),
        ("abbreviations.tsv", "afib", "atrial fibrillation"),
        ("abbreviations.tsv", "chf", "congestive heart failure"),
        ("abbreviations.tsv", "copd", "chronic obstructive pulmonary disease"),
        ("abbreviations.tsv", "t2dm", "type 2 diabetes mellitus"),
        ("abbreviations.tsv", "niddm", "type 2 diabetes mellitus"),
        ("abbreviations.tsv", "stemi", "st elevation stemi myocardial infarction"),
        ("abbreviations.tsv", "hfref", "heart failure with reduced ejection fraction"),
        ("abbreviations.tsv", "h o", "personal history of"),
        ("abbreviations.tsv", "w o", "without"),
        ("abbreviations.tsv", "n v", "nausea with vomiting"),
        ("lay_terms.tsv", "hives", "urticaria"),
        ("lay_terms.tsv", "heart attack", "acute myocardial infarction"),
        ("lay_terms.tsv", "pink eye", "conjunctivitis"),
        ("lay_terms.tsv", "high cholesterol", "pure hypercholesterolemia"),
        ("lay_terms.tsv", "broken", "fracture"),
        ("lay_terms.tsv", "cut", "laceration"),
        ("lay_terms.tsv", "belly", "abdomen"),
        ("lay_terms.tsv", "stye", "hordeolum"),
        ("eponyms.tsv", "lou gehrigs disease", "amyotrophic lateral sclerosis"),
        ("eponyms.tsv", "lou gehrig disease", "amyotrophic lateral sclerosis"),
        ("eponyms.tsv", "whiplash", "sprain of ligaments of cervical spine"),
        ("eponyms.tsv", "paget disease of bone", "osteitis deformans"),
        ("eponyms.tsv", "wolff parkinson white", "pre excitation syndrome"),
        ("eponyms.tsv", "legg calve perthes", "juvenile osteochondrosis of head of femur"),
        ("drugs.tsv", "acetaminophen", "4 aminophenol derivatives"),
        ("drugs.tsv", "tylenol", "4 aminophenol derivatives"),
        ("drugs.tsv", "ibuprofen", "propionic acid derivatives"),
        ("drugs.tsv", "coumadin", "anticoagulants"),
        ("drugs.tsv", "xanax", "benzodiazepines"),
        ("drugs.tsv", "fentanyl", "fentanyl or fentanyl analogs"),
        ("drugs.tsv", "phenytoin", "hydantoin derivatives"),
        ("drugs.tsv", "digoxin", "cardiac stimulant glycosides and drugs of similar action"),
        ("drugs.tsv", "overdose", "poisoning"),
        ("drugs.tsv", "missed doses", "underdosing"),
        ("drugs.tsv", "side effect", "adverse effect"),
        ("neoplasms.tsv", "bone mets", "secondary malignant neoplasm of bone"),
        ("neoplasms.tsv", "liver metastases", "secondary malignant neoplasm of liver"),
        ("neoplasms.tsv", "lung cancer", "malignant neoplasm of bronchus or lung"),
        ("neoplasms.tsv", "cancer", "malignant neoplasm"),
        ("neoplasms.tsv", "aml", "acute myeloblastic leukemia"),
    ],
)
def test_important_entries_read_as_the_titles_do(file_name, term, means):
    assert means in meanings(file_name, term)


@pytest.mark.parametrize(
    ("file_name", "term", "first"),
    [
        ("abbreviations.tsv", "ms", "multiple sclerosis"),
        ("abbreviations.tsv", "cp", "chest pain"),
        ("drugs.tsv", "od", "poisoning"),
    ],
)
def test_a_term_with_two_readings_lists_the_likelier_first(file_name, term, first):
    found = meanings(file_name, term)
    assert len(found) >= 2
    assert found[0] == first


def test_every_title_word_of_the_drug_classes_is_a_t_code_word():
    """Drug classes must read as T36-T50 titles do, not just somewhere in the tabular."""
    t_words: set[str] = set()
    for diag in ET.parse(TABULAR).getroot().iter("diag"):
        name = diag.findtext("name") or ""
        if name[:1] == "T" and name[1:3].isdigit() and 36 <= int(name[1:3]) <= 51:
            for element in diag.iter():
                if element.tag in ("desc", "note") and element.text:
                    t_words.update(normalized(element.text).split())
    intent_section = False
    for line in (VOCABULARY_DIR / "drugs.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# --- Intent"):
            intent_section = True
        if line.startswith("#") or intent_section or line.startswith("term\t") or not line.strip():
            continue
        means = line.split("\t")[1]
        assert set(means.split()) <= t_words, means
