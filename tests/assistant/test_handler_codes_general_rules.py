"""General reading improvements found by the third held-out set: negated
details, poisoning intent, trimester from weeks, quality codes after
diagnosis codes, brand names and search rewrites counted as the question's
words, notes naming codes the tables lack, and the ways coders phrase
requests, units and sequencing questions."""

from types import SimpleNamespace

import pytest

from codingdesk.assistant.engines.handlers.billing._shared import MUE_WORDS, _claim_codes
from codingdesk.assistant.engines.handlers.billing.fees import FEE_WORDS
from codingdesk.assistant.engines.handlers.codes import _shared
from codingdesk.assistant.engines.handlers.codes.code_request import bare_description, code_request
from codingdesk.assistant.engines.handlers.codes.pcs import _named_candidates
from codingdesk.assistant.engines.handlers.codes.ranking import _rewritten_to, contradicts, results_consistent
from codingdesk.assistant.engines.handlers.codes.shorthand import expand_shorthand
from codingdesk.assistant.engines.handlers.guidance import RULE_WORDS, _codes_only


def result(code: str, title: str, system: str = "icd10cm", matched: tuple[str, ...] = ()):
    return SimpleNamespace(code=code, title=title, system=system, matched=matched)


def codes(query: str, results) -> list[str]:
    return [each.code for each in results_consistent(query, results)]


# --- ranking


def test_a_detail_the_question_rules_out_contradicts_a_title_with_it():
    query = "type 2 diabetes mellitus with diabetic peripheral angiopathy, no gangrene"
    assert contradicts(query, "Type 2 diabetes mellitus with diabetic peripheral angiopathy with gangrene")
    assert not contradicts(query, "Type 2 diabetes mellitus with diabetic peripheral angiopathy without gangrene")


def test_no_proteinuria_reads_as_without():
    query = "32 weeks with gestational HTN, no proteinuria"
    assert not contradicts(query, "Gestational [pregnancy-induced] hypertension without significant proteinuria, "
                                  "third trimester")


def test_weeks_of_gestation_name_the_trimester():
    query = "gestational hypertension at 32 weeks"
    assert contradicts(query, "Gestational hypertension without significant proteinuria, first trimester")
    assert not contradicts(query, "Gestational hypertension without significant proteinuria, third trimester")
    assert contradicts("10 weeks pregnant with hyperemesis", "Hyperemesis gravidarum, second trimester")


def test_a_poisoning_without_intent_is_accidental():
    query = "poisoning by acetaminophen, initial encounter"
    assert contradicts(query, "Poisoning by 4-Aminophenol derivatives, undetermined, initial encounter")
    assert contradicts(query, "Poisoning by 4-Aminophenol derivatives, intentional self-harm, initial encounter")
    assert not contradicts(query, "Poisoning by 4-Aminophenol derivatives, accidental (unintentional), initial "
                                  "encounter")
    assert not contradicts("overdose of acetaminophen, undetermined intent",
                           "Poisoning by 4-Aminophenol derivatives, undetermined, initial encounter")


def test_a_drug_taken_as_prescribed_is_an_adverse_effect_not_a_poisoning():
    query = "angioedema from lisinopril taken as prescribed, initial encounter"
    assert contradicts(query, "Poisoning by angiotensin-converting-enzyme inhibitors, accidental (unintentional), "
                              "initial encounter")
    assert not contradicts(query, "Adverse effect of angiotensin-converting-enzyme inhibitors, initial encounter")


def test_esrd_on_hd_is_end_stage():
    assert contradicts("ESRD on HD", "Chronic kidney disease, stage 3a")


def test_quality_codes_come_after_diagnosis_codes_unless_asked():
    results = [result("M1187", "Pt with esrd on dialysis", "hcpcs"), result("N18.6", "End stage renal disease")]
    assert codes("esrd on dialysis", results) == ["N18.6", "M1187"]
    assert codes("esrd on dialysis quality measure", results)[0] == "M1187"


def test_a_code_unspecified_as_to_a_detail_the_question_gives_comes_second():
    results = [
        result("K35.209", "Acute appendicitis with generalized peritonitis, without abscess, unspecified as to "
                          "perforation"),
        result("K35.200", "Acute appendicitis with generalized peritonitis, without perforation or abscess"),
    ]
    assert codes("acute appendicitis with generalized peritonitis, no abscess, no perforation", results)[0] == "K35.200"


def test_a_with_title_whose_words_the_question_all_names_is_not_assumed_detail():
    results = [result("G30.9", "Alzheimer's disease, unspecified"), result("G30.1", "Alzheimer's disease with late "
                                                                                    "onset")]
    assert codes("late onset Alzheimer's disease", results)[0] == "G30.1"


def test_brand_names_and_drug_classes_count_as_the_question_s_words():
    assert _rewritten_to(result("J1885", "x", "hcpcs", ("Toradol → ketorolac (brand name)",))) == ["ketorolac"]
    assert _rewritten_to(result("T46.4X5A", "x", matched=("lisinopril → ace inhibitors (drug class)",))) == [
        "ace inhibitors"]


# --- PCS: the search's reading of the surgeon's words names axis values


def pcs_code(code: str, device: str, approach: str):
    axes = [(4, "Body Part", "H", "Radius, Right"), (5, "Approach", code[4], approach), (6, "Device", code[5], device),
            (7, "Qualifier", "Z", "No Qualifier")]
    return SimpleNamespace(code=code, normalized=code, details={"axes": axes})


def test_orif_read_as_open_internal_fixation_fixes_approach_and_device():
    candidates = [pcs_code("0PSH04Z", "Internal Fixation Device", "Open"),
                  pcs_code("0PSH05Z", "External Fixation Device", "Open"),
                  pcs_code("0PSH06Z", "Internal Fixation Device, Intramedullary", "Open"),
                  pcs_code("0PSH34Z", "Internal Fixation Device", "Percutaneous")]
    read = "ORIF right radius reposition internal fixation device open"
    assert [each.code for each in _named_candidates(read, candidates)] == ["0PSH04Z"]


# --- notes naming a code the tables lack


def test_a_note_code_the_tables_lack_is_not_named(monkeypatch):
    held = {"G31.0", "G31.01", "G31.9", "G30"}
    monkeypatch.setattr(_shared.selectors, "code_get", lambda release, code: code if code in held else None)
    code = SimpleNamespace(release=None)
    text = "Pick's disease (G31.01), frontotemporal disorder (G31.90), Alzheimer's (G30.-), stage (N18.1-N18.6)"
    checked = _shared._note_text_checked(text, code)
    assert "G31.90" not in checked and "(code not in the code set)" in checked
    assert "(G31.01)" in checked and "(G30.-)" in checked and "N18.1-N18.6" in checked


def test_modifiers_of_a_guideline_entry_are_not_checked_as_codes():
    assert _codes_only(("25", "XS", "59", "Z01.810")) == ["Z01.810"]


# --- how coders ask


@pytest.mark.parametrize("text, query", [
    ("What's the right code for GERD without esophagitis?", "GERD without esophagitis"),
    ("what is the correct code for hyperkalemia", "hyperkalemia"),
])
def test_an_adjective_before_code_still_asks_for_a_code(text, query):
    assert code_request(text).query == query


def test_chart_complaints_and_no_definitive_dx_leave_the_symptom():
    assert bare_description("Pt c/o SOB, no definitive dx at end of visit").query == "SOB"


def test_taken_as_prescribed_is_a_code_request_not_clinical_advice():
    assert bare_description("angioedema from lisinopril taken as prescribed") is not None
    assert bare_description("what should I prescribe for angioedema") is None


def test_gravida_para_is_no_code():
    assert _shared._code_tokens("G2P1 at 32 wks with gestational HTN") == []


def test_an_ed_or_first_visit_is_the_initial_encounter():
    assert expand_shorthand("accidental oxycodone overdose, ED visit") == (
        "accidental oxycodone overdose, initial encounter")
    assert "initial encounter" in expand_shorthand("dog bite, first visit")
    assert expand_shorthand("32 wks") == "32 weeks"


def test_units_questions_and_allowed_amounts_are_recognized():
    assert MUE_WORDS.search("how many 20610s can I bill on one DOS")
    assert [line.code for line in _claim_codes("how many 20610s can I bill")] == ["20610"]
    assert not MUE_WORDS.search("93005 w/ 93000 same DOS ok?")
    assert FEE_WORDS.search("what's the medicare allowed for 99212 in Detroit")


def test_which_goes_first_is_a_sequencing_question():
    assert RULE_WORDS.search("sepsis POA with pneumonia - which goes first?")
    assert RULE_WORDS.search("pre-op clearance visit, what's listed first")


# --- second pass: chart lines, fractures, units


def test_a_title_without_a_condition_the_question_states_contradicts_it():
    query = "CKD with HTN and heart failure"
    assert contradicts(query, "Hypertensive heart and chronic kidney disease without heart failure, with stage 1 "
                              "through stage 4 chronic kidney disease")
    assert not contradicts("HTN heart disease without heart failure", "Hypertensive heart disease without heart "
                                                                       "failure")


@pytest.mark.parametrize("text, query", [
    ("pt 58 yo F s/p fall from bed, fx of lt distal radius", "s/p fall from bed, fx of lt distal radius"),
    ("45 yo male presents with acute gout flare", "acute gout flare"),
])
def test_age_and_sex_open_a_chart_line(text, query):
    assert bare_description(text).query == query


def test_a_pathological_or_eponymous_fracture_comes_after_the_plain_one():
    results = [result("S52.532A", "Colles' fracture of left radius, initial encounter for closed fracture"),
               result("M84.434A", "Pathological fracture, left radius, initial encounter for fracture"),
               result("S52.502A", "Unspecified fracture of the lower end of left radius, initial encounter for "
                                  "closed fracture")]
    assert codes("fracture of left lower end of radius, initial", results)[0] == "S52.502A"


def test_a_modifier_is_no_code_for_a_condition():
    results = [result("T5", "Right foot, great toe", "hcpcs_modifier"), result("M10.071", "Idiopathic gout, right "
                                                                                        "ankle and foot")]
    assert codes("gout right great toe", results)[0] == "M10.071"


def test_distal_and_proximal_are_the_lower_and_upper_ends():
    assert expand_shorthand("fx of lt distal radius") == "fracture of left lower end of radius"
    assert expand_shorthand("proximal humerus") == "upper end of humerus"


def test_units_are_the_dose_over_the_descriptor_dosage_rounded_up():
    from codingdesk.assistant.engines.handlers.codes.units import units_line

    assert "**4 units**" in units_line("units for J1885 60mg", "J1885", "Injection, ketorolac tromethamine, per 15 mg")
    assert "**2 units**" in units_line("20 mg", "J0000", "Injection, something, per 15 mg")
    assert "**1 unit**" in units_line("125 mg", "J2930", "Injection, methylprednisolone sodium succinate, up to 125 mg")
    assert units_line("60 mg", "J0000", "Injection, something, per 1 ml") is None
    assert units_line("what is J1885", "J1885", "Injection, ketorolac tromethamine, per 15 mg") is None


def test_no_mention_of_a_detail_is_its_absence():
    query = "type 2 diabetes mellitus with retinopathy, no mention of macular edema"
    assert not contradicts(query, "Type 2 diabetes mellitus with unspecified diabetic retinopathy without macular "
                                  "edema")
    assert contradicts(query, "Type 2 diabetes mellitus with unspecified diabetic retinopathy with macular edema")


# --- third pass: default codes of the Index


def test_an_organism_or_heart_failure_type_not_documented_comes_after_the_default():
    sepsis = [result("A40.3", "Sepsis due to Streptococcus pneumoniae"), result("A41.9", "Sepsis, unspecified organism")]
    assert codes("sepsis due to pneumonia", sepsis)[0] == "A41.9"
    chf = [result("I50.20", "Unspecified systolic (congestive) heart failure"), result("I50.9", "Heart failure, "
                                                                                                "unspecified")]
    assert codes("CHF exacerbation", chf)[0] == "I50.9"
    assert codes("systolic CHF", chf)[0] == "I50.20"


def test_an_attachment_is_a_part_of_the_item():
    walker = [result("E0155", "Wheel attachment, rigid pick-up walker, per pair", "hcpcs"),
              result("E0141", "Walker, rigid, wheeled, adjustable or fixed height", "hcpcs")]
    assert codes("walker with wheels", walker)[0] == "E0141"


def test_an_admission_opens_a_chart_line():
    assert bare_description("pt admitted w/ sepsis due to pneumonia").query == "sepsis due to pneumonia"


# --- guideline retrieval


@pytest.mark.parametrize("text, entry_id", [
    ("how do I code a CKD pt with HTN and heart failure", "icd10cm-hypertensive-heart-and-ckd"),
    ("pt w/ HTN and CHF, how to code per guidelines", "icd10cm-hypertensive-heart-disease"),
    ("sequencing of chemo encounter with cancer", "icd10cm-neoplasm-chemotherapy-encounter"),
    ("can Z codes be primary", "icd10cm-z-codes-first-listed"),
])
def test_the_entry_about_every_condition_asked_comes_first(text, entry_id):
    from codingdesk.assistant.guidelines import guideline_search

    assert guideline_search(text, limit=1)[0].id == entry_id


def test_what_does_x_mean_and_primary_questions_ask_about_rules():
    from codingdesk.assistant.engines.handlers.guidance import _asks_about_rules, _topic_asked

    assert _topic_asked("what does NEC mean").strip() == "NEC"
    assert _asks_about_rules("can Z codes be primary")
    assert not _asks_about_rules("can I use I69.351 as primary")


# --- modifiers asked by situation


def test_a_situation_then_the_word_modifier_is_a_reverse_question():
    from codingdesk.assistant.engines.handlers.billing.modifiers import REVERSE_QUESTION
    from codingdesk.assistant.modifier_guide import modifier_guide_search

    assert REVERSE_QUESTION.search("telehealth audio only modifier")
    assert modifier_guide_search("repeat lab same day modifier")[0].modifier == "91"
    assert modifier_guide_search("which modifier for a phone visit")[0].modifier == "93"


# --- two codes: required together, or compared


def test_two_codes_typed_are_not_a_guideline_question():
    from codingdesk.assistant.engines.handlers.guidance import _asks_about_rules

    assert not _asks_about_rules("what's the difference between E11.9 and E11.65")
    assert _asks_about_rules("difference between Excludes1 and Excludes2")


def test_required_with_and_versus_are_pair_questions():
    from codingdesk.assistant.engines.handlers.codes.conventions import COMPARE, TOGETHER

    assert TOGETHER.search("is Z79.4 required with E11.65 on insulin")
    assert TOGETHER.search("I10 vs I11.9") and COMPARE.search("I10 vs I11.9")
    assert not COMPARE.search("can I code R73.03 with E11.9")


def test_a_drug_named_without_an_event_is_no_poisoning_and_its_class_no_title_word():
    drug_class = ("metformin → insulin and oral hypoglycemic antidiabetic drugs (drug class)",)
    results = [result("T38.3X6A", "Underdosing of insulin and oral hypoglycemic [antidiabetic] drugs, initial "
                                  "encounter", matched=drug_class),
               result("E11.638", "Type 2 diabetes mellitus with other oral complications", matched=drug_class),
               result("E11.9", "Type 2 diabetes mellitus without complications", matched=drug_class)]
    assert codes("type 2 diabetes mellitus on metformin", results)[0] == "E11.9"
    assert codes("underdosing of metformin, initial encounter", results)[0] == "T38.3X6A"


def test_a_dose_in_grams_is_counted_in_the_descriptors_milligrams():
    from codingdesk.assistant.engines.handlers.codes.units import units_line

    line = units_line("Rocephin 1 gram IM", "J0696", "Injection, ceftriaxone sodium, per 250 mg")
    assert "**4 units**" in line and "1000 mg" in line
    assert units_line("60 mg", "J1885", "Injection, ketorolac tromethamine, per 15 mg").count("**4 units**") == 1
    assert units_line("2 ml", "J1885", "Injection, ketorolac tromethamine, per 15 mg") is None


def test_burn_depth_is_an_axis_and_charted_depths_are_spelled_out():
    query = expand_shorthand("2nd degree burn of abdominal wall, initial")
    assert "second degree" in query
    assert contradicts(query, "Burn of first degree of abdominal wall, initial encounter")
    assert not contradicts(query, "Burn of second degree of abdominal wall, initial encounter")


def test_the_drug_a_brand_names_comes_before_other_drugs_sharing_the_dose(monkeypatch):
    import datetime

    from codingdesk.assistant.engines.base import Question
    from codingdesk.assistant.engines.handlers.codes import code_for

    other = SimpleNamespace(code="J9208", title="Injection, ifosfamide, 1 gram", system="hcpcs", matched=[],
                            billable=True)
    named = SimpleNamespace(code="J0696", title="Injection, ceftriaxone sodium, per 250 mg", system="hcpcs",
                            matched=["Rocephin → ceftriaxone (brand name)"], billable=True)
    monkeypatch.setattr(code_for.search, "search", lambda *a, **k: SimpleNamespace(results=[other]))
    monkeypatch.setattr(code_for, "hcpcs_drug_results", lambda *a: [named])
    found = code_for._search_results("Rocephin 1 gram IM", "hcpcs", Question(text="", as_of=datetime.date(2026, 7, 15)))
    assert [each.code for each in found] == ["J0696", "J9208"]


def test_the_weeks_code_comes_after_the_pregnancy_condition():
    found = codes("hyperemesis gravidarum with dehydration, 9 weeks", [
        result("Z3A.09", "9 weeks gestation of pregnancy"),
        result("O21.1", "Hyperemesis gravidarum with metabolic disturbance")])
    assert found == ["O21.1", "Z3A.09"]  # I.C.15.a.1: chapter 15 first; a pregnancy word in the condition
    assert codes("code for 32 weeks gestation", [result("Z3A.32", "32 weeks gestation of pregnancy")]) == ["Z3A.32"]


def test_an_unspecified_trimester_comes_after_the_trimester_the_weeks_give():
    found = codes("24 weeks pregnant, pre-existing type 2 diabetes mellitus", [
        result("O24.119", "Pre-existing type 2 diabetes mellitus, in pregnancy, unspecified trimester"),
        result("O24.112", "Pre-existing type 2 diabetes mellitus, in pregnancy, second trimester")])
    assert found[0] == "O24.112"


def test_completed_treatment_is_a_record_fact_not_a_request_for_advice():
    assert bare_description("hx of breast cancer, completed treatment 5 yrs ago, no evidence of disease")
    assert bare_description("best treatment for type 2 diabetes") is None


def test_a_bare_description_is_read_by_its_first_condition(monkeypatch):
    from codingdesk.assistant.engines.handlers.codes import code_for

    seen = []

    def matches(query, question):
        seen.append(query)
        return query == "afib"

    monkeypatch.setattr(code_for, "_bare_matches", matches)
    monkeypatch.setattr(code_for, "answer_code_request", lambda request, question: "answered")
    question = SimpleNamespace(text="afib on Eliquis and metoprolol")
    assert code_for.handle_bare_description(question) == "answered"
    assert seen == ["afib on Eliquis and metoprolol", "afib"]
