"""Where a code-for question says what it wants coded
(handlers/codes/code_request.py)."""

import pytest

from codingdesk.assistant.engines.handlers.codes.code_request import bare_description, code_request


@pytest.mark.parametrize(
    ("text", "query", "system_words"),
    [
        ("code for hives", "hives", ""),
        ("NSTEMI dx code", "NSTEMI", "dx"),
        ("hcpcs for oxygen concentrator", "oxygen concentrator", "hcpcs"),
        ("DM2 w/ CKD3a - what do I code?", "DM2 w/ CKD3a", ""),
        ("acute on chronic diastolic CHF icd10", "acute on chronic diastolic CHF", "icd10"),
        ("icd 10 for ankle fx", "ankle fx", "icd 10"),
        ("nebulizer with compressor DME code", "nebulizer with compressor", "DME"),
        ("Zofran 4 mg IV push, hcpcs and units", "Zofran 4 mg IV push", "hcpcs"),
        ("liver mets from colon ca, primary still present - dx code", "liver mets from colon ca", "dx"),
    ],
)
def test_it_reads_the_ways_coders_ask_for_a_code(text, query, system_words):
    request = code_request(text)
    assert (request.query, request.system_words, request.explicit) == (query, system_words, True)


def test_a_word_ending_in_a_system_letter_is_not_a_system_name():
    assert code_request("depo medrol 80mg inj hcpcs").query == "depo medrol 80mg inj"


@pytest.mark.parametrize("text", ["Is W21.89A a valid code?", "What is E11.22?", "Which modifier for telehealth?"])
def test_other_questions_are_no_code_request(text):
    assert code_request(text) is None


def test_chart_language_leads_into_the_description():
    request = bare_description("pt presents with dog bite to rt lower leg, initial encounter")
    assert (request.query, request.explicit) == ("dog bite to rt lower leg, initial encounter", False)


def test_a_remark_about_the_record_is_not_part_of_the_description():
    assert bare_description("pt has HTN w/ CHF, no other detail documented").query == "HTN w/ CHF"


@pytest.mark.parametrize(
    "text",
    ["who won the super bowl last year", "what abx should I give for this pts UTI?", "Tell me a joke",
     "What is the best treatment for type 2 diabetes?", "recommend a good EHR for a small ortho practice"],
)
def test_questions_of_other_kinds_are_never_a_bare_description(text):
    assert bare_description(text) is None


def test_chart_language_with_w_slash_leads_into_the_description():
    assert bare_description("pt presents w/ L hip fx after fall").query == "L hip fx after fall"
