"""Every condition of a code-for question gets a code (guideline I.B.9: one
code for two conditions only when a combination code names both), an
adverse effect's nature comes before the drug's T code (I.C.19.e.5.a), and
a drug the patient is "on" adds its Z79 long-term use code (I.C.21.c.3)."""

from types import SimpleNamespace

import datetime

from codingdesk.assistant.engines.base import Question
from codingdesk.assistant.engines.handlers.codes import conditions


def result(code, title, coverage=1.0, matched=(), billable=True):
    return SimpleNamespace(code=code, title=title, system="icd10cm", coverage=coverage, matched=list(matched),
                           billable=billable)


TABLE = {
    "AKI": [result("N17.9", "Acute kidney failure, unspecified", matched=["AKI = acute kidney failure (abbreviation)"])],
    "HTN": [result("I1A.0", "Resistant hypertension", matched=["HTN = hypertension (abbreviation)"])],
    "chronic diastolic heart failure": [result("I50.32", "Chronic diastolic (congestive) heart failure")],
    "pneumonia": [result("J18.9", "Pneumonia, unspecified organism")],
    "hypokalemia": [result("E87.6", "Hypokalemia")],
    "long term use of coumadin": [result("Z79.01", "Long term (current) use of anticoagulants",
                                         matched=["coumadin → anticoagulants (drug class)"])],
    "long term use of insulin": [result("Z79.4", "Long term (current) use of insulin")],
}


def fake_search(monkeypatch):
    def search(query, **kwargs):
        return SimpleNamespace(results=TABLE.get(query, TABLE.get(query.lower(), [])))
    monkeypatch.setattr(conditions.search, "search", search)


QUESTION = Question(text="", as_of=datetime.date(2026, 7, 15))


def codes(query, shown):
    return [each.code for each in conditions.with_other_conditions(query, shown, QUESTION)]


def test_a_second_condition_no_shown_code_covers_gets_its_own_code(monkeypatch):
    fake_search(monkeypatch)
    shown = [result("N18.32", "Chronic kidney disease, stage 3b")]
    assert codes("AKI on chronic kidney disease stage 3b", shown) == ["N18.32", "N17.9"]


def test_a_condition_the_combination_code_names_is_not_coded_again(monkeypatch):
    fake_search(monkeypatch)
    shown = [result("I13.0", "Hypertensive heart and chronic kidney disease with heart failure and stage 1 through "
                             "stage 4 chronic kidney disease"), result("N18.4", "Chronic kidney disease, stage 4")]
    found = codes("HTN with chronic diastolic heart failure and chronic kidney disease stage 4", shown)
    assert found == ["I13.0", "N18.4", "I50.32"]  # the type of heart failure, never I1A.0 for "HTN"


def test_the_infection_with_copd_is_coded(monkeypatch):
    fake_search(monkeypatch)
    shown = [result("J44.0", "Chronic obstructive pulmonary disease with (acute) lower respiratory infection")]
    assert codes("COPD with pneumonia, organism not specified", shown) == ["J44.0", "J18.9"]


def test_an_adverse_effect_is_sequenced_after_its_nature(monkeypatch):
    fake_search(monkeypatch)
    shown = [result("T50.1X5A", "Adverse effect of loop [high-ceiling] diuretics, initial encounter")]
    assert codes("hypokalemia due to furosemide, taking it as prescribed, initial encounter", shown) == [
        "E87.6", "T50.1X5A"]


def test_a_drug_the_patient_is_on_adds_long_term_use(monkeypatch):
    fake_search(monkeypatch)
    assert codes("afib, patient on Coumadin", [result("I48.91", "Unspecified atrial fibrillation")]) == [
        "I48.91", "Z79.01"]
    assert codes("type 2 diabetes mellitus on insulin", [result("E11.9", "Type 2 diabetes mellitus without "
                                                                         "complications")]) == ["E11.9", "Z79.4"]


def test_a_single_condition_adds_nothing(monkeypatch):
    fake_search(monkeypatch)
    assert codes("pneumonia", [result("J18.9", "Pneumonia, unspecified organism")]) == ["J18.9"]


def test_a_burn_with_its_tbsa_adds_the_t31_extent(monkeypatch):
    TABLE["burns involving 10-19% of body surface with 00% third degree burns"] = [
        result("T31.11", "Burns involving 10-19% of body surface with 10-19% third degree burns"),
        result("T31.10", "Burns involving 10-19% of body surface with 0% to 9% third degree burns")]
    TABLE["burns involving less than 10% of body surface"] = [
        result("T31.0", "Burns involving less than 10% of body surface")]
    fake_search(monkeypatch)
    shown = [result("T21.22XA", "Burn of second degree of abdominal wall, initial encounter")]
    assert codes("second degree burn abdominal wall, initial encounter, 12% TBSA total, no third degree",
                 shown) == ["T21.22XA", "T31.10"]
    assert codes("second degree burn of right forearm, initial, 5% TBSA", shown) == ["T21.22XA", "T31.0"]
    assert codes("second degree burn of right forearm, initial", shown) == ["T21.22XA"]


def test_a_condition_the_matched_inclusion_term_names_is_covered(monkeypatch):
    TABLE["dehydration"] = [result("E86.0", "Dehydration")]
    fake_search(monkeypatch)
    top = result("O21.1", "Hyperemesis gravidarum with metabolic disturbance", matched=[
        "inclusion term: Hyperemesis gravidarum, starting before the end of the 20th week of gestation, with "
        "metabolic disturbance such as dehydration"])
    assert codes("hyperemesis gravidarum with dehydration, 9 weeks", [top]) == ["O21.1"]


def test_a_condition_joined_by_with_takes_the_combination_code_of_the_first(monkeypatch):
    TABLE["type 2 diabetes mellitus with neuropathy"] = [
        result("E11.40", "Type 2 diabetes mellitus with diabetic neuropathy, unspecified")]
    TABLE["neuropathy"] = [result("G58.0", "Intercostal neuropathy")]
    fake_search(monkeypatch)
    shown = [result("E11.22", "Type 2 diabetes mellitus with diabetic chronic kidney disease")]
    assert codes("type 2 diabetes mellitus with neuropathy", shown) == ["E11.22", "E11.40"]


def test_a_code_stating_more_than_the_condition_is_not_added(monkeypatch):
    fake_search(monkeypatch)  # "HTN" alone finds "Resistant hypertension": a detail the question never gave
    assert codes("GERD, HTN", [result("K21.9", "Gastro-esophageal reflux disease without esophagitis")]) == ["K21.9"]


def test_a_closing_medication_list_is_searched_apart_from_the_condition():
    assert conditions.without_medications("HTN on lisinopril and amlodipine") == "HTN"
    assert conditions.without_medications("afib, patient on Coumadin") == "afib, patient"
    # Dialysis is no drug, and a drug event keeps its drug.
    assert conditions.without_medications("ESRD on HD") == "ESRD on HD"
    assert conditions.without_medications("underdosing, patient on lisinopril") == "underdosing, patient on lisinopril"


def test_a_metastasis_names_its_primary_as_a_condition_of_its_own():
    # Guideline I.C.2.d: "liver mets from colon cancer" is split at "from" into two conditions.
    from codingdesk.assistant.engines.handlers.codes.conditions import CAUSE, SECONDARY_NEOPLASM, _condition_parts

    assert SECONDARY_NEOPLASM.match("C78.7") and not SECONDARY_NEOPLASM.match("C18.9")
    assert _condition_parts(CAUSE.sub(", ", "liver mets from colon cancer")) == ["liver mets", "colon cancer"]


def test_a_symptom_of_the_diagnosis_body_system_is_integral_to_it():
    # Guideline I.B.5: "URI and cough" is J06.9 alone; I.B.6: chest pain beside GERD is coded.
    from codingdesk.assistant.engines.handlers.codes.conditions import _integral_symptom

    assert _integral_symptom("R05.9", "J06.9")
    assert _integral_symptom("R10.9", "K52.9")
    assert not _integral_symptom("R07.9", "K21.9")
    assert not _integral_symptom("E11.9", "J06.9")
