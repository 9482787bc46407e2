"""claim_text_parse and claim_lines_build: claim lines as pasted or as
fields, with one message a bad line."""

import datetime

import pytest

from codingdesk.claims.parsing import (
    ClaimLine,
    ClaimLinesInvalid,
    DateOfServiceInvalid,
    claim_lines_build,
    claim_text_parse,
    date_of_service_parse,
)


def parse_one(text: str) -> ClaimLine:
    (line,) = claim_text_parse(text)
    return line


def errors_of(text: str) -> list[str]:
    with pytest.raises(ClaimLinesInvalid) as caught:
        claim_text_parse(text)
    return caught.value.errors


@pytest.mark.parametrize(
    "text, code, modifiers, units, pointers",
    [
        ("99213-25 1 A", "99213", ("25",), 1, ("A",)),
        ("20610-RT 1 AB", "20610", ("RT",), 1, ("A", "B")),
        ("J1100 4 A", "J1100", (), 4, ("A",)),
        ("11042\t59\t1\t1,2", "11042", ("59",), 1, ("A", "B")),
        ("99213,25,1,A", "99213", ("25",), 1, ("A",)),
        ("  j1100   4   a  ", "J1100", (), 4, ("A",)),
        ("97597-59-XU 2 A B C D", "97597", ("59", "XU"), 2, ("A", "B", "C", "D")),
        ("99223 AI 1 A", "99223", ("AI",), 1, ("A",)),
        ("J1100 10 12", "J1100", (), 10, ("L",)),
    ],
)
def test_it_reads_a_line_in_each_accepted_form(text, code, modifiers, units, pointers):
    line = parse_one(text)
    assert (line.code, line.modifiers, line.units, line.pointers, line.note) == (code, modifiers, units, pointers, "")


def test_units_default_to_1():
    assert parse_one("99213-25").units == 1
    assert parse_one("99213 RT").modifiers == ("RT",)


def test_lines_keep_their_numbers_across_blank_lines():
    lines = claim_text_parse("99213 1 A\n\n  \n11042 1 B\r\n")
    assert [(line.number, line.code) for line in lines] == [(1, "99213"), (4, "11042")]


def test_a_line_readable_two_ways_says_which_reading_was_taken():
    line = parse_one("J1100 25 1")
    assert (line.modifiers, line.units, line.pointers) == (("25",), 1, ())
    assert line.note.startswith("Read as modifier 25, 1 unit, though it could be 25 units, pointer A")


def test_bad_units_are_named_with_the_line_number():
    assert errors_of("99213 1 A\n11042 1 A\n97597 x A") == ["line 3: units must be a whole number from 1 to 999, not 'x'."]
    assert errors_of("J1100 1000 A") == ["line 1: units must be a whole number from 1 to 999, not '1000'."]
    assert errors_of("J1100 0") == ["line 1: units must be a whole number from 1 to 999, not '0'."]


def test_every_bad_line_is_reported():
    assert errors_of("9921 1 A\n99213-ABC 1\n99213 1 M\n99213 A") == [
        "line 1: '9921' is not a CPT/HCPCS code: five letters or digits, modifiers after dashes (99213-25).",
        "line 2: 'ABC' is not a modifier: two letters or digits, such as 25, 59, RT or XU.",
        "line 3: 'M' is not a diagnosis pointer: use the letters A to L or the numbers 1 to 12.",
        "line 4: 'A' looks like diagnosis pointers; put the units before them, e.g. 99213-25 1 A.",
    ]


def test_pointers_are_at_most_4_and_not_repeated():
    assert errors_of("J1100 4 1,2,3,4,5") == ["line 1: at most 4 diagnosis pointers a line; 5 were given."]
    assert errors_of("99213 1 A A") == ["line 1: a diagnosis pointer is given twice (AA)."]
    assert errors_of("99213 1 13") == [
        "line 1: '13' is not a diagnosis pointer: use the letters A to L or the numbers 1 to 12."
    ]


def test_modifiers_are_at_most_4():
    assert errors_of("11042-59-XU-RT-LT-76 1 A") == ["line 1: at most 4 modifiers a line; 5 were given."]


def test_a_claim_has_1_to_50_lines():
    assert errors_of(" \n\n") == ["Give at least one claim line, e.g. 99213-25 1 A."]
    assert len(claim_text_parse("99213 1 A\n" * 50)) == 50
    assert errors_of("99213 1 A\n" * 51) == ["A claim holds at most 50 service lines; 51 were given."]


def test_lines_given_as_fields_are_checked_the_same_way():
    lines = claim_lines_build(
        [
            {"code": "99213", "modifiers": ["25"], "units": 1, "pointers": ["A"]},
            {"code": "20610-rt", "units": "2", "pointers": ["1", "2"]},
        ]
    )
    assert lines == [
        ClaimLine(1, "99213", ("25",), 1, ("A",)),
        ClaimLine(2, "20610", ("RT",), 2, ("A", "B")),
    ]
    with pytest.raises(ClaimLinesInvalid) as caught:
        claim_lines_build([{"code": "99213"}, {"code": "99213", "units": "x"}])
    assert caught.value.errors == ["line 2: units must be a whole number from 1 to 999, not 'x'."]


def test_a_date_of_service_is_yyyy_mm_dd():
    assert date_of_service_parse(" 2026-07-15 ") == datetime.date(2026, 7, 15)
    for text in ("20260715", "2026-13-45", "July 15"):
        with pytest.raises(DateOfServiceInvalid, match="write the date of service as YYYY-MM-DD"):
            date_of_service_parse(text)
