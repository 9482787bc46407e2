"""codingdesk.edits.parsing: the one reader of a claim's codes, a date of
service, units and a setting, for the API and the tool pages."""

import datetime

import pytest
from django.utils import timezone

from codingdesk.edits.checks import MUE_DATASETS, PTP_DATASETS, ClaimCode
from codingdesk.edits.parsing import claim_codes_parse, date_of_service_parse, setting_parse, units_parse


def test_codes_may_be_separated_by_commas_or_spaces():
    assert claim_codes_parse("11042, 97597-59 0001A") == [
        ClaimCode("11042"), ClaimCode("97597", ("59",)), ClaimCode("0001A"),
    ]


def test_modifiers_are_read_in_any_case_and_with_spaces_around_the_dash():
    assert claim_codes_parse(" 97597 - rt-xu ,\t11042 ") == [ClaimCode("97597", ("RT", "XU")), ClaimCode("11042")]


@pytest.mark.parametrize(
    "text, message",
    [
        ("11042,9759", "'9759' is not a CPT/HCPCS code: five letters or digits, modifiers after dashes (97597-59)."),
        ("11042 97597-5", "'97597-5': '5' is not a modifier (two letters or digits)."),
        (" , ", "Give at least one CPT/HCPCS code."),
        (" ".join(["11042"] * 51), "A claim holds at most 50 lines; 51 codes were given."),
    ],
)
def test_a_bad_code_list_is_a_value_error_with_a_sentence(text, message):
    with pytest.raises(ValueError) as error:
        claim_codes_parse(text)
    assert str(error.value) == message


@pytest.mark.parametrize("text", ["97110 97112", "97110,97112", "97110-59"])
def test_one_code_without_modifiers_is_refused_more(text):
    with pytest.raises(ValueError, match="give one code, without modifiers"):
        claim_codes_parse(text, allow_modifiers=False)


def test_a_date_is_read_as_yyyy_mm_dd():
    assert date_of_service_parse(" 2026-07-15 ") == datetime.date(2026, 7, 15)


@pytest.mark.parametrize("text", [None, "", "  "])
def test_a_blank_date_is_today(text):
    assert date_of_service_parse(text) == timezone.localdate()


@pytest.mark.parametrize("text", ["20260715", "07/15/2026", "2026-13-45"])
def test_any_other_date_is_refused(text):
    with pytest.raises(ValueError, match="is not a date; write the date of service as YYYY-MM-DD"):
        date_of_service_parse(text)


def test_units_are_a_whole_number():
    assert units_parse(" 8 ") == 8


@pytest.mark.parametrize("text", ["0", "2.5", "-1", "100000", "", "٣"])
def test_units_out_of_range_or_not_whole_are_refused(text):
    with pytest.raises(ValueError, match="units must be a whole number from 1 to 99,999"):
        units_parse(text)


def test_a_setting_must_be_one_of_the_checks_settings():
    assert setting_parse("dme", MUE_DATASETS) == "dme"
    with pytest.raises(ValueError, match="'dme' is not a setting here; choose one of practitioner, hospital."):
        setting_parse("dme", PTP_DATASETS)
