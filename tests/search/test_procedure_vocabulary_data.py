"""The reviewed surgical vocabulary: procedures.tsv, procedure_suffixes.tsv and
body_part_roots.tsv in codingdesk/search/vocabulary.

Read here with a small reader of its own, so a fault in the data is told
apart from a fault in the search engine's loader.
"""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.search.vocabulary_files import HEADER, lines, meanings, normalized, rows

from codingdesk.search._vocabulary import compose_surgical_word

from codingdesk.codesets.importers import icd10pcs

PROCEDURES = "procedures.tsv"
SUFFIXES = "procedure_suffixes.tsv"
ROOTS = "body_part_roots.tsv"
FILES = (PROCEDURES, SUFFIXES, ROOTS)
MINIMUM_ENTRIES = {PROCEDURES: 250, SUFFIXES: 10, ROOTS: 80}



@pytest.mark.parametrize("file_name", FILES)
def test_the_file_starts_with_the_header(file_name):
    assert lines(file_name)[0].split("\t") == HEADER


@pytest.mark.parametrize("file_name", FILES)
def test_every_entry_has_three_columns_and_a_meaning(file_name):
    for line in lines(file_name)[1:]:
        columns = line.split("\t")
        assert len(columns) == 3, line
        assert columns[0] and columns[1], line


@pytest.mark.parametrize("file_name", FILES)
def test_terms_and_meanings_are_normalized(file_name):
    for term, means, _note in rows(file_name):
        assert term == normalized(term), term
        assert means == normalized(means), means


@pytest.mark.parametrize("file_name", FILES)
def test_no_term_means_the_same_thing_twice(file_name):
    pairs = [(term, means) for term, means, _note in rows(file_name)]
    assert len(pairs) == len(set(pairs)), sorted({pair for pair in pairs if pairs.count(pair) > 1})


@pytest.mark.parametrize("file_name", FILES)
def test_each_file_holds_enough_entries(file_name):
    assert len(rows(file_name)) >= MINIMUM_ENTRIES[file_name]


def test_suffixes_and_roots_are_bare_single_words():
    for file_name in (SUFFIXES, ROOTS):
        for term, _means, _note in rows(file_name):
            assert re.fullmatch(r"[a-z]+", term), term


def test_a_root_has_one_meaning():
    # The engine keeps one body part per root.
    terms = [term for term, _means, _note in rows(ROOTS)]
    assert len(terms) == len(set(terms))


def test_every_meaning_is_worded_as_pcs_titles_are(official_data_dir):
    tables = official_data_dir / "icd10pcs" / "icd10pcs_tables_2026.xml"
    vocabulary = {
        word
        for element in ET.parse(tables).getroot().iter()
        if element.tag in ("label", "title") and element.text
        for word in normalized(element.text).split()
    }
    # The words the importer adds when it builds a title ("Extirpation of Matter from ...").
    for phrase in icd10pcs.PHRASES.values():
        vocabulary.update(normalized(re.sub(r"{\w+}", "", phrase)).split())
    unknown = {
        (file_name, means, word)
        for file_name in FILES
        for _term, means, _note in rows(file_name)
        for word in means.split()
        if word not in vocabulary
    }
    assert not unknown, sorted(unknown)


@pytest.mark.parametrize(
    ("term", "means"),
    [
        ("cholecystectomy", "resection gallbladder"),
        ("laparoscopic", "percutaneous endoscopic"),
        ("appendectomy", "resection appendix"),
        ("lumpectomy", "excision breast"),
        ("mastectomy", "resection breast"),
        ("right hemicolectomy", "resection right large intestine"),
        ("sigmoid colectomy", "resection sigmoid colon"),
        ("vats", "percutaneous endoscopic"),
        ("arthroscopic", "percutaneous endoscopic"),
        ("stent", "intraluminal device"),
        ("mesh", "synthetic substitute"),
        ("i d", "drainage"),
        ("exploratory laparotomy", "inspection peritoneal cavity open"),
        ("tavr", "replacement aortic valve zooplastic tissue percutaneous"),
        ("peg tube", "insertion feeding device stomach percutaneous endoscopic"),
        ("orif", "reposition internal fixation device open"),
        ("adenoidectomy", "resection adenoids external"),
    ],
)
def test_named_procedures_read_as_pcs_titles(term, means):
    assert meanings(PROCEDURES, term)[0] == means


def test_a_term_with_two_readings_lists_the_likelier_first():
    assert meanings(PROCEDURES, "biopsy") == ["excision diagnostic", "extraction diagnostic"]
    assert meanings(SUFFIXES, "ectomy") == ["resection", "excision"]


def test_splenectomy_is_composed_from_its_suffix_and_root():
    assert meanings(SUFFIXES, "ectomy")[0] == "resection"
    assert meanings(ROOTS, "splen") == ["spleen"]
    assert compose_surgical_word("splenectomy") == "resection spleen"


@pytest.mark.parametrize(
    ("word", "composed"),
    [
        ("splenectomy", "resection spleen"),
        ("nephrectomy", "resection kidney"),
        ("hysterectomy", "resection uterus"),
        ("appendectomy", "resection appendix"),
        ("colectomy", "resection large intestine"),
        ("gastrostomy", "bypass stomach"),
        ("colonoscopy", "inspection endoscopic large intestine"),  # colon + o + scopy
        ("thyroidectomy", "resection thyroid gland"),
        ("salpingectomy", "resection fallopian tube"),
        ("orchiopexy", "reposition testis"),
        ("arthrodesis", "fusion joint"),
        ("tenorrhaphy", "repair tendon"),
        ("pericardiocentesis", "drainage pericardium"),
        ("ureterolithotomy", "extirpation matter ureter"),
    ],
)
def test_surgical_words_compose(word, composed):
    assert compose_surgical_word(word) == composed


@pytest.mark.parametrize("word", ["splendid", "hypertension", "pneumonia", "fracture", "diabetes"])
def test_ordinary_words_do_not_compose(word):
    assert compose_surgical_word(word) == ""
