"""Site words the titles spell differently: "distal radius" is the "lower end
of radius" (S52.5-); the forehead is an "other part of head" (Index:
Laceration, forehead S01.81-) but keeps its own word for burns (T20.x6);
"both eyes" is the tabular's "bilateral"; and a dog bite keeps "open bite"
so a named site's injury code ranks (guideline I.C.20: the external cause
code W54.0- is never first-listed)."""

from codingdesk.search._vocabulary import rewrite_words


def means(text: str) -> list[str]:
    words, _ = rewrite_words(text.split(), procedures=False)
    return words


def test_distal_and_proximal_are_the_titles_lower_and_upper_end():
    assert " ".join(means("fracture distal radius left")) == "fracture lower end of radius left"
    assert "upper end of humerus" in " ".join(means("proximal humerus fracture"))


def test_forehead_is_an_other_part_of_head_and_keeps_its_word():
    words = means("forehead laceration")
    assert {"forehead", "other", "head", "laceration"} <= set(words)


def test_both_eyes_is_bilateral():
    assert "bilateral" in means("pink eye both eyes")


def test_dog_bite_keeps_the_open_bite_of_the_site():
    words = means("dog bite of left hand")
    assert {"bitten", "dog", "open", "bite", "hand"} <= set(words)
