"""Which search results a code-for answer may name (handlers/codes/ranking.py):
no result that contradicts what the question states, no unspecified code
when the question is specific, and no assumed detail ahead of the plain code."""

from types import SimpleNamespace

from codingdesk.assistant.engines.handlers.codes.ranking import contradicts, results_consistent


def result(code: str, title: str, system: str = "icd10cm", matched: tuple[str, ...] = ()):
    return SimpleNamespace(code=code, title=title, system=system, matched=matched)


def codes(query: str, results) -> list[str]:
    return [each.code for each in results_consistent(query, results)]


def test_the_other_side_contradicts_the_side_asked():
    assert contradicts("primary osteoarthritis of right knee", "Unilateral primary osteoarthritis, left knee")
    assert contradicts("primary osteoarthritis of right knee", "Bilateral primary osteoarthritis of knee")
    assert not contradicts("primary osteoarthritis of right knee", "Unilateral primary osteoarthritis, right knee")


def test_the_other_diabetes_type_contradicts_the_type_asked():
    query = "type 2 diabetes with diabetic polyneuropathy"
    assert contradicts(query, "Type 1 diabetes mellitus with diabetic polyneuropathy")


def test_acute_on_chronic_contradicts_acute():
    assert contradicts("acute systolic heart failure", "Acute on chronic systolic (congestive) heart failure")
    assert not contradicts("acute systolic heart failure", "Acute systolic (congestive) heart failure")


def test_without_contradicts_with():
    assert contradicts("acute cystitis without hematuria", "Acute cystitis with hematuria")
    assert contradicts("type 1 diabetes with hyperglycemia", "Type 1 diabetes mellitus without complications")


def test_a_different_stage_contradicts_the_stage_asked():
    assert contradicts("stage 3 pressure ulcer of sacral region", "Pressure ulcer of sacral region, stage 4")
    assert contradicts("CKD stage 3b", "Chronic kidney disease, stage 3a")
    assert not contradicts("CKD stage 3b", "Chronic kidney disease, stage 3b")


def test_a_title_silent_on_an_axis_does_not_contradict_it():
    query = "hypertension with chronic kidney disease stage 4"
    assert not contradicts(query, "Chronic kidney disease, stage 4 (severe)")


def test_contradicting_results_are_left_out_and_the_rest_keep_their_order():
    found = [
        result("I50.23", "Acute on chronic systolic (congestive) heart failure"),
        result("I50.21", "Acute systolic (congestive) heart failure"),
        result("I50.41", "Acute combined systolic (congestive) and diastolic (congestive) heart failure"),
    ]
    assert codes("acute systolic congestive heart failure", found) == ["I50.21", "I50.41"]


def test_an_unspecified_code_of_the_same_category_is_left_out_when_the_question_is_specific():
    found = [result("F41.1", "Generalized anxiety disorder"), result("F41.9", "Anxiety disorder, unspecified"),
             result("F40.9", "Phobic anxiety disorder, unspecified")]
    assert codes("generalized anxiety disorder", found) == ["F41.1", "F40.9"]


def test_an_unspecified_code_stays_when_it_is_the_best_match():
    found = [result("E78.5", "Hyperlipidemia, unspecified"), result("E78.49", "Other hyperlipidemia")]
    assert codes("hyperlipidemia", found) == ["E78.5", "E78.49"]


def test_a_code_assuming_an_unstated_fracture_pattern_comes_after_the_plain_one():
    found = [
        result("S72.321A", "Displaced transverse fracture of shaft of right femur, initial encounter"),
        result("S72.301A", "Unspecified fracture of shaft of right femur, initial encounter"),
    ]
    assert codes("closed displaced fracture of shaft of right femur, initial encounter", found)[0] == "S72.301A"


def test_when_every_result_contradicts_the_search_order_is_kept():
    found = [result("M17.12", "Unilateral primary osteoarthritis, left knee")]
    assert codes("primary osteoarthritis of right knee", found) == ["M17.12"]


def test_a_code_assuming_an_undocumented_with_condition_comes_after_the_plain_one():
    found = [result("F03.911", "Unspecified dementia, unspecified severity, with agitation"),
             result("F03.90", "Unspecified dementia, unspecified severity, without behavioral disturbance")]
    assert codes("dementia", found)[0] == "F03.90"


def test_an_injury_code_comes_after_the_rest_when_the_question_names_no_injury():
    found = [result("S89.92XA", "Unspecified injury of left lower leg, initial encounter"),
             result("L03.116", "Cellulitis of left lower limb")]
    assert codes("cellulitis of left lower leg", found)[0] == "L03.116"


def test_an_injury_code_keeps_its_place_when_the_question_names_an_injury():
    found = [result("S80.12XA", "Contusion of left lower leg, initial encounter"),
             result("M79.662", "Pain in left lower leg")]
    assert codes("contusion of left lower leg, initial encounter", found)[0] == "S80.12XA"


def test_a_combination_code_covering_both_conditions_comes_first():
    found = [result("N18.4", "Chronic kidney disease, stage 4 (severe)"),
             result("I12.9", "Hypertensive chronic kidney disease with stage 1 through stage 4 chronic kidney disease")]
    assert codes("hypertension with chronic kidney disease stage 4", found)[0] == "I12.9"


def test_a_hcpcs_part_or_accessory_comes_after_the_item_asked_for():
    found = [result("A4637", "Replacement, tip, cane, crutch, walker, each", "hcpcs"),
             result("E0100", "Cane, includes canes of all materials, adjustable or fixed, with tip", "hcpcs")]
    assert codes("cane", found)[0] == "E0100"


MODERATE = "inclusion term: Opioid use disorder, moderate"


def test_an_inclusion_term_matched_counts_as_the_codes_name():
    query = "opioid use disorder, moderate"
    results = [result("F11.90", "Opioid use, unspecified, uncomplicated"),
               result("F11.20", "Opioid dependence, uncomplicated", matched=(MODERATE,))]
    assert codes(query, results)[0] == "F11.20"


def test_an_inclusion_term_matched_can_contradict_the_question():
    results = [result("F11.10", "Opioid abuse, uncomplicated", matched=("inclusion term: Opioid use disorder, mild",)),
               result("F11.20", "Opioid dependence, uncomplicated", matched=(MODERATE,))]
    assert codes("opioid use disorder, moderate", results) == ["F11.20"]


def test_the_words_the_search_rewrote_the_query_into_count_as_asked():
    rewrite = ("total abdominal hysterectomy → resection uterus open (procedure)",)
    results = [result("0UJD0ZZ", "Inspection of Uterus and Cervix, Open Approach", "icd10pcs", rewrite),
               result("0UT90ZZ", "Resection of Uterus, Open Approach", "icd10pcs", rewrite)]
    assert codes("open total abdominal hysterectomy, uterus removed", results)[0] == "0UT90ZZ"


def test_a_newborn_or_pregnancy_code_comes_after_the_rest_when_neither_is_named():
    results = [result("P36.4", "Sepsis of newborn due to Escherichia coli"),
               result("O86.04", "Sepsis following an obstetrical procedure"),
               result("A41.51", "Sepsis due to Escherichia coli [E. coli]")]
    assert codes("sepsis due to e coli", results)[0] == "A41.51"
    assert codes("newborn sepsis due to e coli", results)[0] == "P36.4"


def test_the_code_whose_numeric_range_holds_the_number_asked_comes_first():
    results = [result("Z68.45", "Body mass index [BMI] 70 or greater, adult"),
               result("Z68.39", "Body mass index [BMI] 39.0-39.9, adult"),
               result("Z68.41", "Body mass index [BMI] 40.0-44.9, adult")]
    assert codes("morbidly obese adult, BMI 42", results)[0] == "Z68.41"


def test_ckd_on_dialysis_is_end_stage_whatever_stage_is_written():
    results = [result("N18.5", "Chronic kidney disease, stage 5"), result("N18.6", "End stage renal disease")]
    assert codes("chronic kidney disease stage 5 on hemodialysis", results) == ["N18.6"]
    assert codes("chronic kidney disease stage 5", results) == ["N18.5"]


def test_a_title_leaving_primary_or_secondary_open_contradicts_a_record_that_says():
    # Guideline I.C.2: C22.9 is for a record that does not say whether the liver neoplasm is primary.
    from codingdesk.assistant.engines.handlers.codes.ranking import contradicts

    title = "Malignant neoplasm of liver, not specified as primary or secondary"
    assert contradicts("liver mets", title)
    assert contradicts("metastatic disease to the liver", title)
    assert not contradicts("liver cancer", title)
