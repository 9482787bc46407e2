import re

import pytest
import simple_icd_10_cm as cm

from codingdesk.assistant import guidelines
from codingdesk.assistant.guidelines import (
    GUIDELINES_DIR,
    TOPICS,
    GuidelineFileError,
    guideline_entries,
    guideline_entry_parse,
    guideline_search,
)

# An ICD-10-CM category or code as printed: A41.9, R65.20, I13.0, O09.-, Z3A.
# CPT (99214), HCPCS (G2212), PCS (0DTJ4ZZ) and modifiers (XE, 25) never match:
# they lack the letter-digit-character start or run on past three characters
# without a dot.
CM_CODE_RE = re.compile(r"\b([A-Z][0-9][0-9A-Z])(\.(?:[0-9A-Z]{1,4}|-))?(?![0-9A-Za-z])")
CPT_RE = re.compile(r"^[0-9]{4}[0-9FTU]$")
HCPCS_RE = re.compile(r"^[A-V][0-9]{4}$")
PCS_RE = re.compile(r"^[0-9A-HJ-NP-Z]{7}$")
MODIFIER_RE = re.compile(r"^[0-9A-Z]{2}$")
OFFICIAL_SOURCES = (
    "ICD-10-CM Official Guidelines for Coding and Reporting",
    "ICD-10-PCS Official Guidelines",
    "AMA CPT",
    "NCCI Policy Manual for Medicare Services",
    "CMS ",
)


def cm_codes_in(text):
    """ICD-10-CM codes in text, as the item to check (O09.- -> O09)."""
    found = []
    for category, tail in CM_CODE_RE.findall(text):
        found.append(category if tail in ("", ".-") else category + tail)
    return found


@pytest.fixture(scope="module")
def entries():
    return guideline_entries()


def test_every_file_parses_and_ids_match_file_names(entries):
    paths = sorted(GUIDELINES_DIR.glob("*.md"))
    assert len(entries) == len(paths) >= 45
    assert [e.id for e in entries] == [p.stem for p in paths]
    assert len({e.id for e in entries}) == len(entries)


def test_every_entry_has_title_keywords_and_a_short_body(entries):
    for entry in entries:
        assert entry.title and entry.keywords, entry.id
        sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n", entry.body) if s.strip()]
        assert 3 <= len(sentences) <= 10, (entry.id, len(sentences))


def test_every_entry_cites_an_official_source(entries):
    for entry in entries:
        assert any(name in entry.source for name in OFFICIAL_SOURCES), (entry.id, entry.source)


def test_each_topic_has_entries(entries):
    assert {e.topic for e in entries} == TOPICS


def test_codes_field_holds_only_known_code_formats(entries):
    for entry in entries:
        for code in entry.codes:
            parts = code.split("-") if re.match(r"^[A-Z][0-9][0-9A-Z]-[A-Z][0-9][0-9A-Z]$", code) else [code]
            for part in parts:
                known = (
                    cm_codes_in(part) == [part.removesuffix(".-")]
                    or CPT_RE.match(part)
                    or HCPCS_RE.match(part)
                    or PCS_RE.match(part)
                    or MODIFIER_RE.match(part)
                )
                assert known, (entry.id, code)


def test_every_icd10cm_code_is_valid(entries):
    invalid = []
    for entry in entries:
        for text in (", ".join(entry.codes), entry.body, entry.title):
            for code in cm_codes_in(text):
                if not cm.is_valid_item(code):
                    invalid.append((entry.id, code))
    assert invalid == []


def test_code_pattern_skips_other_code_sets():
    assert cm_codes_in("99214 G2212 0DTJ4ZZ XE 25 B3.2 I.C.1.d") == []
    assert cm_codes_in("A41.9, R65.20; I10-I16 and O09.- or Z3A") == [
        "A41.9", "R65.20", "I10", "I16", "O09", "Z3A"
    ]


@pytest.mark.parametrize(
    ("query", "expected_id"),
    [
        ("sepsis with septic shock sequencing", "icd10cm-sepsis-sequencing"),
        ("hypertension and CKD", "icd10cm-hypertensive-ckd"),
        ("modifier 25 with a procedure", "modifier-25"),
        ("excision or resection", "icd10pcs-excision-vs-resection"),
        ("99214 by time", "em-office-visit-by-time"),
        ("column 1 column 2 modifier indicator", "ncci-ptp-edits"),
    ],
)
def test_search_ranks_the_expected_entry_first(query, expected_id):
    results = guideline_search(query)
    assert results and results[0].id == expected_id, [e.id for e in results]


def test_search_is_deterministic_and_respects_the_limit():
    first = guideline_search("diabetes insulin", limit=3)
    assert len(first) == 3
    assert first == guideline_search("Diabetes, INSULIN!", limit=3)


def test_search_with_nothing_matching_returns_nothing():
    assert guideline_search("zzzz qqqq") == []


def test_parse_names_the_file_and_the_missing_key(tmp_path):
    path = tmp_path / "bad-entry.md"
    path.write_text("title: T\ntopic: em\nkeywords: k\ncodes:\n\nBody.\n")
    with pytest.raises(GuidelineFileError, match=r"bad-entry\.md.*'source'"):
        guideline_entry_parse(path)


def test_parse_rejects_an_unknown_key_and_topic(tmp_path):
    path = tmp_path / "bad-entry.md"
    header = "title: T\ntopic: {topic}\nsource: S\nkeywords: k\ncodes:\n{extra}\nBody.\n"
    path.write_text(header.format(topic="em", extra="author: me\n"))
    with pytest.raises(GuidelineFileError, match=r"bad-entry\.md.*'author'"):
        guideline_entry_parse(path)
    path.write_text(header.format(topic="billing", extra=""))
    with pytest.raises(GuidelineFileError, match=r"bad-entry\.md.*'topic'"):
        guideline_entry_parse(path)


def test_entries_are_cached():
    assert guidelines._entries() is guidelines._entries()


def test_coder_abbreviations_find_the_entry_about_what_they_stand_for():
    found = guidelines.guideline_search("pt w/ HTN, CHF and CKD 3 - how do I code per the guidelines", limit=1)
    assert found[0].id == "icd10cm-hypertensive-heart-and-ckd"
