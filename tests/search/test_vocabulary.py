import pytest

from codingdesk.search import _vocabulary
from codingdesk.search._text import normalize_text, stem
from codingdesk.search._vocabulary import SpellingCorrector, read_tsv, rewrite_words


def test_it_reads_entries_and_normalizes_terms(tmp_path):
    path = tmp_path / "lay_terms.tsv"
    path.write_text("# lay terms\nterm\tmeans\tnote\nPink Eye\tconjunctivitis\tlay name\nLou Gehrig's\tamyotrophic lateral sclerosis\t\n")
    assert read_tsv(path) == [
        ("pink eye", "conjunctivitis", "lay name"),
        ("lou gehrig", "amyotrophic lateral sclerosis", ""),
    ]


def test_it_refuses_a_file_without_its_header(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("htn\thypertension\t\n")
    with pytest.raises(ValueError, match="header"):
        read_tsv(path)


def test_it_refuses_an_entry_without_a_meaning(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("term\tmeans\tnote\nhtn\t\t\n")
    with pytest.raises(ValueError, match="entry 2 needs a term and a meaning"):
        read_tsv(path)


def test_every_vocabulary_file_loads():
    for file_name in [*_vocabulary.FILES, _vocabulary.SUFFIX_FILE, _vocabulary.ROOT_FILE]:
        assert read_tsv(_vocabulary.VOCABULARY_DIR / file_name), file_name


def test_the_longest_phrase_wins_and_is_explained():
    words, rewrites = rewrite_words(normalize_text("heart attack").split())
    assert " ".join(words) != "heart attack"
    assert rewrites[0].typed == "heart attack"
    assert "(synonym)" in rewrites[0].reason


def test_an_abbreviation_reads_as_an_equation():
    _, rewrites = rewrite_words(["htn"])
    assert rewrites[0].reason == "HTN = hypertension (abbreviation)"


def test_surgical_words_are_composed_from_suffix_and_root():
    assert _vocabulary.compose_surgical_word("splenectomy") == "resection spleen"
    assert _vocabulary.compose_surgical_word("splendid") == ""


def test_the_speller_picks_the_closest_frequent_word():
    corrector = SpellingCorrector({"pneumonia": 900, "pneumonitis": 40, "pancreatitis": 50})
    assert corrector.correct("pnuemonia") == "pneumonia"
    assert corrector.correct("pneumonia") == "pneumonia"
    assert corrector.correct("xyz") == "xyz"  # too short to correct
    assert corrector.correct("zzzzzzzz") == "zzzzzzzz"  # nothing close


def test_the_stemmer_only_folds_plurals():
    assert [stem(word) for word in ["fractures", "veins", "injuries", "diabetes", "abscess", "status"]] == [
        "fracture", "vein", "injury", "diabete", "abscess", "status"
    ]


def test_detail_words_leave_out_what_a_default_code_says_is_absent_or_unspecified():
    from codingdesk.search._text import detail_stems

    assert detail_stems("Inguinal hernia, without obstruction or gangrene, not specified as recurrent") == {
        "inguinal", "hernia"
    }
    assert detail_stems("Otitis media, unspecified ear") == {"otitis", "media"}
    assert detail_stems("Otitis media with effusion, right ear") == {"otitis", "media", "effusion", "right", "ear"}
    assert "other" in detail_stems("Other cystitis without hematuria")


def test_abbreviations_are_spelled_out_for_other_readers_of_the_text():
    from codingdesk.search import expand_abbreviations

    assert expand_abbreviations("pt w/ HTN, CHF") == "pt with hypertension congestive heart failure"


def test_a_word_with_a_digit_is_never_corrected_as_a_misspelling():
    assert SpellingCorrector({"8mg": 5, "ckd": 3}).correct("80mg") == "80mg"


def test_a_unit_after_a_number_is_a_dose_not_an_abbreviation():
    words, rewrites = rewrite_words("80 mg injection".split())
    assert words[:2] == ["80", "mg"]
    assert not any(rewrite.typed == "mg" for rewrite in rewrites)


def test_a_list_after_without_runs_on_over_its_commas():
    from codingdesk.search._text import detail_stems

    title = ("Unspecified dementia, unspecified severity, without behavioral disturbance, psychotic disturbance, "
             "and anxiety")
    assert not {"psychotic", "anxiety"} & detail_stems(title)
    assert "right" in detail_stems("Sprain of knee, not elsewhere classified, right knee")
