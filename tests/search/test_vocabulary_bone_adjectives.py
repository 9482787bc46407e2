"""A bone named by its adjective ("tibial shaft", "fibular") is the bone the
ICD-10-CM titles ("shaft of left tibia") and the PCS body parts (Tibia) name."""

from codingdesk.search._vocabulary import rewrite_words


def means(text: str) -> str:
    words, _ = rewrite_words(text.split())
    return " ".join(words)


def test_the_shaft_of_a_leg_bone_is_named_by_the_bone():
    assert "shaft of tibia" in means("displaced fracture of left tibial shaft")
    assert "shaft of fibula" in means("fibular shaft fracture")


def test_a_leg_bone_adjective_alone_is_the_bone():
    assert "tibia" in means("tibial plateau fracture").split()
    assert "fibula" in means("fibular fracture").split()
