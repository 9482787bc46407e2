"""Surgeons' phrasings found by the third assistant held-out set: a stone
removed from the bladder is an Extirpation, and the side of an inguinal
hernia repair is the body part value (left, right or bilateral inguinal region)."""

from codingdesk.search._vocabulary import rewrite_words


def means(text: str) -> str:
    words, _ = rewrite_words(text.split())
    return " ".join(words)


def test_removal_of_a_bladder_stone_is_extirpation_of_matter():
    assert means("cysto with removal of bladder stone").endswith("extirpation matter bladder")
    assert "extirpation matter bladder" in means("litholapaxy")


def test_the_side_of_an_inguinal_hernia_repair_is_kept():
    assert means("repair of left inguinal hernia with mesh") == (
        "repair left inguinal region supplement synthetic substitute")
    assert means("right inguinal hernia repair") == "repair right inguinal region"
    # A diagnosis alone keeps its words.
    assert means("inguinal hernia") == "inguinal hernia"
