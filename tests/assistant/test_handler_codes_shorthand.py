"""Coder shorthand spelled out before a code question is read
(handlers/codes/shorthand.py)."""

import pytest

from codingdesk.assistant.engines.handlers.codes.shorthand import expand_shorthand


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("colles fx lt wrist, init", "colles fracture left wrist, initial"),
        ("sepsis d/t E coli UTI", "sepsis due to E coli UTI"),
        ("DM2 w/ CKD3a", "type 2 diabetes mellitus with chronic kidney disease stage 3a"),
        ("T2DM w/o complications", "type 2 diabetes mellitus without complications"),
        ("depo medrol 80mg inj", "depo medrol 80 mg injection"),
    ],
)
def test_it_spells_out_the_chart_words_the_handlers_read(typed, spelled):
    assert expand_shorthand(typed) == spelled


def test_it_leaves_words_that_only_contain_the_shorthand_alone():
    assert expand_shorthand("left initial fracture, split dose") == "left initial fracture, split dose"


def test_a_capital_l_or_r_before_a_word_is_the_side():
    assert expand_shorthand("L hip fx, R/O pathologic") == "left hip fracture, rule out pathologic"
    assert expand_shorthand("L5 radiculopathy") == "L5 radiculopathy"


def test_first_encounter_and_seen_in_ed_are_the_initial_encounter():
    assert "initial encounter" in expand_shorthand("hypokalemia due to furosemide, first encounter")
    assert "initial encounter" in expand_shorthand("sertraline overdose, seen in ED")


def test_fracture_healing_words_are_the_subsequent_encounter():
    assert expand_shorthand("radial styloid fx, healing as expected").endswith(
        "subsequent encounter with routine healing")
    assert expand_shorthand("patella fx - delayed healing").endswith("subsequent encounter with delayed healing")


def test_chart_shorthand_shaped_like_a_code_is_no_code():
    from codingdesk.assistant.engines.handlers.codes._shared import _code_tokens

    assert _code_tokens("T1DM with hypoglycemia, no coma") == []
    assert _code_tokens("What is E11.22?") == ["E11.22"]
