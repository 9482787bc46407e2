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
