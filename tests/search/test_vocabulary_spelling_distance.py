"""The spelling corrector picks among words one slip away by how often the
code sets use them, and the Index default reads words in any order."""

from codingdesk.search._vocabulary import SpellingCorrector, index_default, typo_distance


def test_typo_distance_counts_a_swap_as_one_slip():
    assert typo_distance("pnuemonia", "pneumonia") == 1
    assert typo_distance("gaut", "gout") == 1
    assert typo_distance("gaut", "gut") == 1
    assert typo_distance("gout", "gout") == 0


def test_equal_slips_prefer_the_frequent_word_over_the_shorter_one():
    corrector = SpellingCorrector({"gout": 400, "gut": 3, "goat": 1})
    assert corrector.correct("gaut") == "gout"


def test_index_default_in_any_word_order():
    assert index_default(["diabetes", "type", "2"]) == index_default(["type", "2", "diabetes"]) != ""
    assert index_default(["diabetes", "with", "ketoacidosis"]) == ""
