"""The billing handlers of the grounded engine: modifiers, NCCI PTP pairs,
MUE limits and fees, on the small NCCI, RVU and GPCI releases of
tests/claims/claim_data.py (in force on 2026-07-15)."""

import datetime

import pytest

from codingdesk.assistant.engines.base import AnswerKind, CodeMention, Question, SourceKind
from codingdesk.assistant.engines.grounded import GroundedEngine
from codingdesk.assistant.engines.handlers.billing import (
    HANDLERS,
    fee_handle,
    modifier_handle,
    mue_handle,
    ptp_handle,
)
from codingdesk.fees.services import fee_release_import
from tests.claims.claim_data import JULY_15, import_fee_schedule, import_ncci
from tests.fees.fee_files import gpci_text, pprrvu_text, write_gpci, write_pprrvu

BAKERSFIELD = "01112,CA,54,BAKERSFIELD,1.019,1.096,0.609"
LOS_ANGELES = "01182,CA,18,LOS ANGELES,1.045,1.208,0.601"


def ask(text: str, as_of: datetime.date = JULY_15) -> Question:
    return Question(text=text, as_of=as_of)


def answer_of(handle, text: str, as_of: datetime.date = JULY_15):
    answer = handle(ask(text, as_of))
    assert answer is not None, f"{handle.__name__} did not recognize {text!r}"
    return answer


@pytest.fixture
def ncci(db, tmp_path):
    import_ncci(tmp_path / "ncci")


@pytest.fixture
def fee_schedule(db, tmp_path):
    import_fee_schedule(tmp_path / "fees")


@pytest.fixture
def two_california_localities(db, tmp_path):
    """The fixture RVU file, and the GPCI file with a second California locality."""
    (rvu := tmp_path / "rvu").mkdir()
    (gpci := tmp_path / "gpci").mkdir()
    text = gpci_text()
    assert BAKERSFIELD in text
    line_end = "\r\n" if "\r\n" in text else "\n"
    fee_release_import(dataset="rvu", paths=[write_pprrvu(rvu, pprrvu_text())])
    fee_release_import(dataset="gpci", paths=[write_gpci(gpci, text.replace(BAKERSFIELD, BAKERSFIELD + line_end + LOS_ANGELES))])


@pytest.fixture
def locality_named_for_several_places(db, tmp_path):
    """The fixture files, with a California locality named as the GPCI file joins places."""
    (rvu := tmp_path / "rvu").mkdir()
    (gpci := tmp_path / "gpci").mkdir()
    text = gpci_text()
    line_end = "\r\n" if "\r\n" in text else "\n"
    joined = "01182,CA,18,LOS ANGELES-LONG BEACH-ANAHEIM (LOS ANGELES/ORANGE CNTY),1.045,1.208,0.601"
    fee_release_import(dataset="rvu", paths=[write_pprrvu(rvu, pprrvu_text())])
    with_joined = text.replace(BAKERSFIELD, BAKERSFIELD + line_end + joined)
    fee_release_import(dataset="gpci", paths=[write_gpci(gpci, with_joined)])


# ---------------------------------------------------------------- modifiers


def test_it_explains_one_cpt_modifier_with_its_source():
    answer = answer_of(modifier_handle, "What is modifier 25?")

    assert answer.kind == AnswerKind.ANSWER
    assert answer.markdown.startswith("**Modifier 25** (CPT modifier): Separate significant E/M on the same day [1].")
    assert "**When to use it:** Append it to the E/M code" in answer.markdown
    assert "**Common errors:** Appending it to the procedure code" in answer.markdown
    assert "NCCI-associated: on a PTP code pair whose modifier indicator is 1" in answer.markdown
    (citation,) = answer.citations
    assert citation.source_kind == SourceKind.MODIFIER_GUIDE
    assert citation.label.startswith("CPT Appendix A; Medicare Claims Processing Manual")
    assert citation.url == "/tools/ncci-ptp/"
    # CPT modifiers are not a code system here; only HCPCS ones are mentioned.
    assert answer.codes == []


def test_a_hcpcs_modifier_links_to_its_code_page(db):
    answer = answer_of(modifier_handle, "modifier GA")

    assert "**Modifier GA** (HCPCS Level II modifier): ABN given and signed for this patient" in answer.markdown
    assert "Not NCCI-associated: it does not bypass an NCCI PTP edit." in answer.markdown
    assert [citation.url for citation in answer.citations] == ["/codes/hcpcs_modifier/GA"]
    assert answer.codes == [
        CodeMention(code="GA", system="hcpcs_modifier", title="ABN given and signed for this patient", valid=True)
    ]


@pytest.mark.parametrize("text", ["-LT modifier", "what does -lt mean", "modifier lt"])
def test_it_reads_a_dashed_or_named_modifier(db, text):
    answer = answer_of(modifier_handle, text)

    assert answer.markdown.startswith("**Modifier LT** (HCPCS Level II modifier): Left side of the body")
    assert answer.citations[0].url == "/codes/hcpcs_modifier/LT"


def test_it_compares_59_and_xu_side_by_side(db):
    answer = answer_of(modifier_handle, "When do I use 59 vs XU?")

    assert answer.markdown.startswith("Modifiers **59** and **XU** side by side:")
    assert "| | Modifier 59 [1] | Modifier XU [2] |" in answer.markdown
    assert "| Title | Distinct procedural service | Distinct: unusual non-overlapping service |" in answer.markdown
    assert "| NCCI-associated | yes | yes |" in answer.markdown
    assert "All of 59, XU are NCCI-associated" in answer.markdown
    assert "(never one with indicator 0)" in answer.markdown
    assert [citation.url for citation in answer.citations] == ["/tools/ncci-ptp/", "/codes/hcpcs_modifier/XU"]
    assert all(citation.source_kind == SourceKind.MODIFIER_GUIDE for citation in answer.citations)


def test_it_compares_26_and_tc(db):
    answer = answer_of(modifier_handle, "difference between 26 and TC")

    assert "| | Modifier 26 [1] | Modifier TC [2] |" in answer.markdown
    assert "| Title | Professional component only | Technical component only |" in answer.markdown
    assert "None of them is NCCI-associated" in answer.markdown


def test_a_modifier_written_on_a_code_is_read_when_the_question_is_about_modifiers(db):
    answer = answer_of(modifier_handle, "Which modifier is on 97597-XS?")

    assert answer.markdown.startswith("**Modifier XS** (HCPCS Level II modifier): Distinct: separate organ or structure")


def test_a_modifier_not_in_the_guide_is_said_to_be_unknown():
    answer = answer_of(modifier_handle, "What is modifier ZZ?")

    assert answer.kind == AnswerKind.DECLINE
    assert "Modifier ZZ is not in the CodingDesk modifier guide" in answer.markdown


# ---------------------------------------------------------------- NCCI PTP


def test_it_explains_a_ptp_edit_with_indicator_1(ncci):
    answer = answer_of(ptp_handle, "Can 11042 and 97597 be billed together?")

    assert "NCCI PTP check of 11042, 97597 on 2026-07-15 (NCCI PTP edits, practitioner release 32.2)" in answer.markdown
    assert "**11042 (column 1) / 97597 (column 2)** [1]: modifier indicator 1" in answer.markdown
    assert "No modifier was given: 97597 is not paid with 11042 unless an NCCI-associated modifier" in answer.markdown
    assert "Rationale: Misuse of Column Two code with Column One code." in answer.markdown
    assert "Dates: effective 2009-01-01, no deletion date." in answer.markdown
    api, tool = answer.citations
    assert api.url == "/api/v1/edits/ptp?codes=11042,97597&date=2026-07-15&setting=practitioner"
    assert api.source_kind == tool.source_kind == SourceKind.NCCI_EDIT
    assert api.label == "NCCI PTP edit 11042/97597, NCCI PTP edits, practitioner release 32.2"
    assert tool.url == "/tools/ncci-ptp/?codes=11042,97597&date=2026-07-15&setting=practitioner"
    assert answer.codes == [
        CodeMention(code="11042", system="cpt", title="", valid=True),
        CodeMention(code="97597", system="cpt", title="", valid=True),
    ]


@pytest.mark.parametrize(
    "text, modifier",
    [
        ("Can 11042 and 97597-59 be billed together on 2026-07-15?", "59"),
        ("NCCI edit between 11042 and 97597 with modifier XU", "XU"),
    ],
)
def test_an_ncci_modifier_bypasses_an_indicator_1_edit(ncci, text, modifier):
    answer = answer_of(ptp_handle, text)

    assert f"Modifier {modifier} on 97597 (the column 2 line) bypasses this edit" in answer.markdown
    assert answer.citations[0].url == (
        f"/api/v1/edits/ptp?codes=11042,97597-{modifier}&date=2026-07-15&setting=practitioner"
    )


def test_no_modifier_bypasses_an_indicator_0_edit(ncci):
    answer = answer_of(ptp_handle, "is 36591-59 bundled with 0001A")

    assert "**0001A (column 1) / 36591 (column 2)** [1]: modifier indicator 0: no modifier bypasses" in answer.markdown
    assert "36591 is not paid with 0001A; modifier 59 does not change that, since indicator 0 allows no modifier." in (
        answer.markdown
    )
    assert "bypasses this edit, so" not in answer.markdown
    assert "Rationale: Standards of medical / surgical practice." in answer.markdown
    assert CodeMention(code="0001A", system="cpt", title="", valid=True) in answer.codes


def test_codes_without_an_edit_may_be_reported_together_as_far_as_ptp_goes(ncci, fee_schedule):
    answer = answer_of(ptp_handle, "NCCI edit between 99213 and 20610 with modifier 25")

    assert "no PTP edit pairs these codes [1], so as far as NCCI PTP edits go they may be reported together" in (
        answer.markdown
    )
    assert "Other rules may still apply" in answer.markdown
    assert answer.citations[0].url == "/api/v1/edits/ptp?codes=99213,20610&date=2026-07-15&setting=practitioner"
    assert [mention.valid for mention in answer.codes] == [True, True]


def test_a_ptp_question_without_a_release_for_the_date_says_which_data_is_missing(ncci):
    answer = answer_of(ptp_handle, "Can 11042 and 97597 be billed together on 2026-01-15?")

    assert answer.kind == AnswerKind.DECLINE
    assert answer.markdown == (
        "I cannot check this: No NCCI PTP edits, practitioner release is loaded for the date of service 2026-01-15. "
        "Import the CMS release in force on that date (the practitioner PTP files ccipra-v<version>r<revision>-f<part>.txt)."
    )


def test_hospital_words_check_the_outpatient_hospital_edits(ncci):
    answer = answer_of(ptp_handle, "Are 11042 and 97597 bundled for a hospital outpatient claim?")

    assert "No NCCI PTP edits, outpatient hospital release is loaded" in answer.markdown


def test_an_unknown_code_is_named_as_not_found(ncci):
    answer = answer_of(ptp_handle, "Can 11042 and 12345 be billed together?")

    assert CodeMention(code="12345", system="cpt", title="", valid=False) in answer.codes
    assert "Not found in the code files in force on that date: 12345." in answer.markdown


# ---------------------------------------------------------------- MUE


def test_it_gives_an_mue_with_mai_3(ncci):
    answer = answer_of(mue_handle, "MUE for 97110")

    assert "**97110** [1]: the MUE is **6** units (MUE, practitioner services release 2026-07-01" in answer.markdown
    assert "MAI 3, a date of service edit set on clinical grounds" in answer.markdown
    assert "may be paid on appeal with documentation of medical necessity" in answer.markdown
    assert "MUE rationale: Clinical: Data." in answer.markdown
    api, tool = answer.citations
    assert api.source_kind == SourceKind.MUE
    assert api.url == "/api/v1/edits/mue?code=97110&units=1&date=2026-07-15&setting=practitioner"
    assert tool.url == "/tools/mue/?code=97110&units=1&date=2026-07-15&setting=practitioner"


def test_how_many_units_of_a_hcpcs_drug(ncci):
    answer = answer_of(mue_handle, "How many units of J1100 can I bill?")

    assert "**J1100** [1]: the MUE is **3** units" in answer.markdown
    assert answer.codes == [CodeMention(code="J1100", system="hcpcs", title="", valid=True)]


def test_units_over_an_mai_2_mue_are_never_paid(ncci):
    answer = answer_of(mue_handle, "Is 4 units of 20610 over the MUE?")

    assert "the MUE is **2** units (MUE, practitioner services release 2026-07-01, date of service 2026-07-15), MAI 2." in (
        answer.markdown
    )
    assert "MAI 2 is a date of service edit set by policy" in answer.markdown
    assert "4 units exceed the MUE of 2 for 20610 on one date of service." in answer.markdown
    assert "not even on appeal" in answer.markdown
    assert answer.citations[0].url == "/api/v1/edits/mue?code=20610&units=4&date=2026-07-15&setting=practitioner"


def test_an_mai_1_mue_is_a_claim_line_edit(ncci):
    answer = answer_of(mue_handle, "Is 2 units of 11042 within the MUE?")

    assert "2 units exceed the MUE of 1 for 11042. MAI 1 is a claim line edit: the whole line is denied." in (
        answer.markdown
    )


def test_an_mue_question_without_a_release_for_the_date(ncci):
    answer = answer_of(mue_handle, "MUE for 97110 on 2026-06-30")

    assert answer.kind == AnswerKind.DECLINE
    assert "No MUE, practitioner services release is loaded for the date of service 2026-06-30." in answer.markdown


# ---------------------------------------------------------------- fees


def test_it_prices_a_code_in_a_named_locality(fee_schedule):
    answer = answer_of(fee_handle, "How much does Medicare pay for 99213 in Bakersfield?")

    # Bakersfield 01112-54: GPCIs 1.019 / 1.096 / 0.609, CF 33.4009.
    # Non-facility: [(1.30 x 1.019) + (1.21 x 1.096) + (0.10 x 0.609)] = 1.3247 + 1.32616 + 0.0609 = 2.71176
    #   x 33.4009 = 90.575224584 -> $90.58
    # Facility:     [(1.30 x 1.019) + (0.55 x 1.096) + (0.10 x 0.609)] = 1.3247 + 0.6028 + 0.0609 = 1.98840
    #   x 33.4009 = 66.41434956 -> $66.41
    assert answer.kind == AnswerKind.ANSWER
    assert "**99213** in CA: BAKERSFIELD (01112-54) on 2026-07-15 [1]" in answer.markdown
    assert "- **Non-facility:** $90.58" in answer.markdown
    assert "- **Facility:** $66.41" in answer.markdown
    assert (
        "- Non-facility: [(1.30 × 1.019) + (1.21 × 1.096) + (0.10 × 0.609)] × 33.4009 = 2.71176 × 33.4009 "
        "= 90.575224584 → $90.58"
    ) in answer.markdown
    assert "- Facility: [(1.30 × 1.019) + (0.55 × 1.096) + (0.10 × 0.609)] × 33.4009 = 1.9884 × 33.4009" in answer.markdown
    assert "- Status A: Active code" in answer.markdown
    assert "- Global days XXX: The global surgery concept does not apply." in answer.markdown
    assert "TEST DESCRIPTOR" not in answer.markdown
    api, tool = answer.citations
    assert api.source_kind == tool.source_kind == SourceKind.FEE_SCHEDULE
    assert api.url == "/api/v1/fees?code=99213&modifier=&locality=01112-54&date=2026-07-15"
    assert tool.url == "/tools/fees/?code=99213&modifier=&locality=01112-54&date=2026-07-15"
    assert answer.codes == [CodeMention(code="99213", system="cpt", title="", valid=True)]


def test_it_prices_a_state_with_one_locality(fee_schedule):
    answer = answer_of(fee_handle, "how much does Medicare pay for 99213 in Alabama")

    # [(1.30 x 1.000) + (1.21 x 0.875) + (0.10 x 0.566)] = 2.41535 x 33.4009 = 80.6748... -> $80.67
    # [(1.30 x 1.000) + (0.55 x 0.875) + (0.10 x 0.566)] = 1.83785 x 33.4009 = 61.3858... -> $61.39
    assert "AL: ALABAMA (10112-00)" in answer.markdown
    assert "- **Non-facility:** $80.67" in answer.markdown
    assert "- **Facility:** $61.39" in answer.markdown


def test_it_prices_a_professional_component(fee_schedule):
    answer = answer_of(fee_handle, "fee for 71046-26 in Manhattan")

    # [(0.22 x 1.064) + (0.08 x 1.162) + (0.01 x 1.586)] = 0.23408 + 0.09296 + 0.01586 = 0.3429
    #   x 33.4009 = 11.45316861 -> $11.45 in both settings (the same PE RVU)
    assert "**71046-26** in NY: MANHATTAN (13202-01)" in answer.markdown
    assert "- **Non-facility:** $11.45" in answer.markdown
    assert "- **Facility:** $11.45" in answer.markdown
    assert "- PC/TC indicator 1: Diagnostic test with a professional and a technical component" in answer.markdown
    assert answer.citations[0].url == "/api/v1/fees?code=71046&modifier=26&locality=13202-01&date=2026-07-15"


def test_a_state_with_several_localities_asks_which(two_california_localities):
    answer = answer_of(fee_handle, "How much does Medicare pay for 99213 in California?")

    assert answer.kind == AnswerKind.ASK
    assert "California has 2 Medicare payment localities" in answer.markdown
    assert "- BAKERSFIELD (01112-54)\n- LOS ANGELES (01182-18)" in answer.markdown
    assert "$" not in answer.markdown
    assert answer.follow_up_questions == [
        "Which California locality should I price 99213 in: BAKERSFIELD (01112-54), LOS ANGELES (01182-18)?"
    ]


def test_without_a_locality_it_gives_the_rvus_and_asks_for_one(fee_schedule):
    answer = answer_of(fee_handle, "How much does Medicare pay for 99213?")

    assert answer.kind == AnswerKind.ASK
    assert "RVUs for **99213** in the 2026-A RVU file" in answer.markdown
    assert "- Work RVU 1.30, non-facility PE RVU 1.21, facility PE RVU 0.55, malpractice RVU 0.10" in answer.markdown
    assert "- Total RVUs: non-facility 2.61, facility 1.95; conversion factor 33.4009" in answer.markdown
    assert "- Status A: Active code" in answer.markdown
    # The example is the first locality of the GPCI file by state: AK.
    assert answer.follow_up_questions == ["Which Medicare locality (state and area, e.g. 02102-01) should I price 99213 in?"]
    assert answer.citations[0].source_kind == SourceKind.FEE_SCHEDULE


def test_global_days_of_a_major_surgery(fee_schedule):
    answer = answer_of(fee_handle, "Global days for 27447")

    assert answer.kind == AnswerKind.ANSWER
    assert "- Global days 090: 90-day global: major surgery" in answer.markdown
    assert "- Multiple procedure 2: Standard multiple-procedure rules" in answer.markdown
    assert "- Bilateral surgery 1: 150% bilateral adjustment" in answer.markdown
    assert "- Assistant at surgery 2: Assistant at surgery may be paid." in answer.markdown
    assert "- Co-surgeons 1: Co-surgeons could be paid" in answer.markdown


def test_rvus_of_a_code(fee_schedule):
    answer = answer_of(fee_handle, "RVUs for 27447")

    assert "- Work RVU 19.60, non-facility PE RVU 10.28 (NA), facility PE RVU 10.28, malpractice RVU 3.88" in (
        answer.markdown
    )


def test_a_fee_without_a_release_for_the_date(fee_schedule):
    answer = answer_of(fee_handle, "How much does Medicare pay for 99213 in Alabama on 2025-06-01?")

    assert answer.kind == AnswerKind.DECLINE
    assert "No RVU file (PPRRVU) in force on 2025-06-01 has been imported." in answer.markdown


def test_a_code_not_in_the_rvu_file(fee_schedule):
    answer = answer_of(fee_handle, "fee for 71046-53 in Alabama")

    assert answer.kind == AnswerKind.DECLINE
    assert "The 2026-A RVU file has no row for 71046-53. It has 71046 (no modifier), 71046-26, 71046-TC." in (
        answer.markdown
    )


def test_a_setting_marked_na_has_no_amount(fee_schedule):
    answer = answer_of(fee_handle, "What does Medicare pay for 99223 in Alabama?")

    # Facility: [(3.50 x 1.000) + (1.40 x 0.875) + (0.35 x 0.566)] = 3.5 + 1.225 + 0.1981 = 4.9231
    #   x 33.4009 = 164.435970... -> $164.44; non-facility is NA in the RVU file.
    assert "- **Non-facility:** no amount" in answer.markdown
    assert "- **Facility:** $164.44" in answer.markdown
    assert "NA: rarely or never performed in the non-facility setting" in answer.markdown


def test_a_status_without_payment_says_why_and_shows_no_formula(fee_schedule):
    answer = answer_of(fee_handle, "fee for 99080 in AL")

    assert "- **Non-facility:** no amount" in answer.markdown
    assert "- Status B: CMS uses the RVUs of status A, R and T codes only for Medicare payment" in answer.markdown
    assert "- Status B: Bundled code" in answer.markdown
    assert "conversion factor, rounded to cents" not in answer.markdown


@pytest.mark.parametrize(
    "text, modifier",
    [
        ("Which modifier do I use for a distinct procedural service?", "59"),
        ("What modifier is used for a bilateral procedure?", "50"),
        ("What modifier do I use when the same physician repeats a procedure?", "76"),
        ("Which modifier indicates a repeat procedure by another physician?", "77"),
        ("Which modifier shows the left side of the body?", "LT"),
    ],
)
def test_it_names_the_modifier_for_a_described_situation(db, text, modifier):
    answer = answer_of(modifier_handle, text)

    assert answer.kind == AnswerKind.ANSWER
    assert answer.markdown.startswith(f"The modifier for that is **{modifier}**.")
    assert answer.citations[0].source_kind == SourceKind.MODIFIER_GUIDE


def test_a_situation_no_modifier_fits_is_not_answered():
    assert modifier_handle(ask("Which modifier for a zebra?")) is None


def test_paid_with_asks_about_a_code_pair(ncci):
    answer = answer_of(ptp_handle, "Does 11042 get paid with 97597?")
    assert answer.citations[0].source_kind == SourceKind.NCCI_EDIT


def test_a_locality_is_found_by_one_of_the_places_its_name_joins(locality_named_for_several_places):
    answer = answer_of(fee_handle, "What does Medicare pay for 99213 in Los Angeles?")
    assert answer.kind == AnswerKind.ANSWER
    assert "(01182-18) on 2026-07-15 [1]" in answer.markdown


@pytest.mark.parametrize(
    "text", ["Is modifier 59 needed when billing 11042 with 97597?", "Do I need modifier 59 for 11042 and 97597?"]
)
def test_a_modifier_asked_about_for_a_code_pair_is_checked_against_the_pair(ncci, text):
    assert ptp_handle(ask(text)).citations[0].source_kind == SourceKind.NCCI_EDIT


def test_how_many_times_a_day_asks_for_the_mue(ncci):
    assert mue_handle(ask("How many times can 97110 be billed in a day?")).citations[0].source_kind == SourceKind.MUE


def test_billing_a_code_twice_checks_two_units_against_the_mue(ncci):
    answer = mue_handle(ask("Can 97110 be billed twice on the same day?"))
    assert "MAI 3" in answer.markdown and "2 units" in answer.markdown


def test_what_to_charge_a_self_pay_patient_is_declined(fee_schedule):
    answer = answer_of(fee_handle, "How much should I charge a self-pay patient for 99213?")
    assert answer.kind == AnswerKind.DECLINE
    assert "practice sets its own charges" in answer.markdown


# ---------------------------------------------------------------- recognition


@pytest.mark.parametrize(
    "text",
    [
        "What is E11.9?",
        "Code for hives",
        "What is 99213?",
        "Guidelines for sepsis",
        "Is it ok to code E11.22 with I10 on 2026-07-15?",
        "What is 25?",
    ],
)
def test_non_billing_questions_are_left_to_other_handlers(db, text):
    assert [handle(ask(text)) for handle in HANDLERS] == [None] * len(HANDLERS)


def test_the_grounded_engine_routes_billing_questions(ncci):
    engine = GroundedEngine()

    assert engine.answer(ask("MUE for 97110")).citations[0].source_kind == SourceKind.MUE
    assert engine.answer(ask("Can 11042 and 97597 be billed together?")).citations[0].source_kind == SourceKind.NCCI_EDIT
    assert engine.answer(ask("What is modifier 59?")).citations[0].source_kind == SourceKind.MODIFIER_GUIDE


@pytest.mark.parametrize("text", ["97597 and 11042 same session, do I need a 59?", "11042 w/ 97597 same DOS ok?"])
def test_a_pair_asked_about_in_claim_shorthand_is_checked(ncci, text):
    answer = answer_of(ptp_handle, text)
    assert "modifier indicator 1" in answer.markdown


def test_a_modifier_asked_about_without_the_word_modifier_is_explained(db):
    answer = answer_of(modifier_handle, "what does XE mean")
    assert answer.markdown.startswith("**Modifier XE**")


def test_mod_is_read_as_modifier_in_a_situation_question(db):
    answer = answer_of(modifier_handle, "pt signed an ABN, which mod do I append")
    assert answer.markdown.startswith("The modifier for that is **GA**.")


def test_an_english_word_in_capitals_is_not_a_lone_modifier():
    assert modifier_handle(ask("what does OK mean")) is None


def test_a_shortened_locality_name_is_read_in_full():
    from codingdesk.assistant.engines.handlers.billing.fees import _locality_words

    assert " metropolitan boston " in _locality_words("allowable for 93000 metro boston")


def test_a_city_the_gpci_file_does_not_name_gives_its_state():
    from codingdesk.assistant.engines.handlers.billing.cities import states_of_cities

    assert states_of_cities(" medicare fee for 99213 in denver ") == {"CO"}
    assert states_of_cities(" 99214 in salt lake city ") == {"UT"}
    assert states_of_cities(" 99213 in manhattan ") == set()


def test_a_modifier_asked_about_in_a_setting_is_a_lone_modifier():
    from codingdesk.assistant.engines.handlers.billing.modifiers import _lone_modifier

    assert _lone_modifier("what does KX mean on outpatient therapy claims")
    assert _lone_modifier("what does XE mean")
    assert not _lone_modifier("what does it mean on therapy claims")
