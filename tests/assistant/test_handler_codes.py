import datetime

import pytest

from codingdesk import search
from codingdesk.assistant.engines.base import AnswerKind, CodeMention, Question, SourceKind
from codingdesk.assistant.engines.handlers import codes as handler
from codingdesk.assistant.verification import code_mention
from codingdesk.codesets import selectors
from codingdesk.codesets.services import code_release_import
from codingdesk.fees.services import fee_release_import
from tests.codesets.conftest import icd10cm_releases  # noqa: F401 (a fixture)
from tests.codesets.cpt_files import DESCRIPTORS, every_descriptor, import_cpt
from tests.codesets.fixture_files import staged
from tests.codesets.icd10cm_sample import write_tabular
from tests.edits.conftest import import_mue
from tests.edits.ncci_files import mue_line
from tests.fees.fee_files import write_pprrvu

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 7, 15)

# A tabular of our own in the CDC layout, for the questions the shared
# fixtures have no codes for: urticaria, a lower-leg fracture, diabetic CKD.
TABULAR = """<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.tabular>
  <version>2026</version>
  <chapter>
    <name>4</name>
    <desc>Endocrine, nutritional and metabolic diseases (E00-E89)</desc>
    <section id="E08-E13">
      <desc>Diabetes mellitus (E08-E13)</desc>
      <diag>
        <name>E11</name>
        <desc>Type 2 diabetes mellitus</desc>
        <excludes1><note>type 1 diabetes mellitus (E10.-)</note></excludes1>
        <useAdditionalCode><note>code to identify control using insulin (Z79.4)</note></useAdditionalCode>
        <diag>
          <name>E11.2</name>
          <desc>Type 2 diabetes mellitus with kidney complications</desc>
          <diag>
            <name>E11.22</name>
            <desc>Type 2 diabetes mellitus with diabetic chronic kidney disease</desc>
            <useAdditionalCode><note>code to identify stage of chronic kidney disease (N18.1-N18.6)</note></useAdditionalCode>
          </diag>
        </diag>
        <diag>
          <name>E11.9</name>
          <desc>Type 2 diabetes mellitus without complications</desc>
        </diag>
      </diag>
    </section>
  </chapter>
  <chapter>
    <name>12</name>
    <desc>Diseases of the skin and subcutaneous tissue (L00-L99)</desc>
    <section id="L49-L54">
      <desc>Urticaria and erythema (L49-L54)</desc>
      <diag>
        <name>L50</name>
        <desc>Urticaria</desc>
        <excludes2><note>allergic contact dermatitis (L23.-)</note></excludes2>
        <diag>
          <name>L50.0</name>
          <desc>Allergic urticaria</desc>
        </diag>
        <diag>
          <name>L50.9</name>
          <desc>Urticaria, unspecified</desc>
        </diag>
      </diag>
    </section>
  </chapter>
  <chapter>
    <name>14</name>
    <desc>Diseases of the genitourinary system (N00-N99)</desc>
    <section id="N17-N19">
      <desc>Acute kidney failure and chronic kidney disease (N17-N19)</desc>
      <diag>
        <name>N18</name>
        <desc>Chronic kidney disease (CKD)</desc>
        <codeFirst><note>any associated: diabetic chronic kidney disease (E08.22, E09.22, E10.22, E11.22, E13.22)</note></codeFirst>
        <diag>
          <name>N18.3</name>
          <desc>Chronic kidney disease, stage 3 (moderate)</desc>
          <diag>
            <name>N18.30</name>
            <desc>Chronic kidney disease, stage 3 unspecified</desc>
          </diag>
        </diag>
      </diag>
    </section>
  </chapter>
  <chapter>
    <name>19</name>
    <desc>Injury, poisoning and certain other consequences of external causes (S00-T88)</desc>
    <section id="S80-S89">
      <desc>Injuries to the knee and lower leg (S80-S89)</desc>
      <diag>
        <name>S82</name>
        <desc>Fracture of lower leg, including ankle</desc>
        <sevenChrDef>
          <extension char="A">initial encounter for closed fracture</extension>
          <extension char="D">subsequent encounter for closed fracture with routine healing</extension>
          <extension char="S">sequela</extension>
        </sevenChrDef>
        <diag>
          <name>S82.2</name>
          <desc>Fracture of shaft of tibia</desc>
          <diag>
            <name>S82.20</name>
            <desc>Unspecified fracture of shaft of tibia</desc>
            <diag>
              <name>S82.201</name>
              <desc>Unspecified fracture of shaft of right tibia</desc>
            </diag>
          </diag>
        </diag>
      </diag>
    </section>
  </chapter>
</ICD10CM.tabular>
"""


def ask(text: str, as_of: datetime.date = AS_OF):
    question = Question(text=text, as_of=as_of)
    for handle in handler.HANDLERS:
        answer = handle(question)
        if answer is not None:
            assert_codes_exist(answer, as_of)
            return answer
    return None


def assert_codes_exist(answer, as_of: datetime.date) -> None:
    """Every code an answer gives as valid is in the tables in force on the
    date, under the system and title it names; a code flagged invalid is not."""
    for mention in answer.codes:
        checked = code_mention(mention.code, as_of=as_of, system=mention.system)
        if mention.valid:
            assert checked == CodeMention(code=mention.code, system=mention.system, title=mention.title, valid=True)
            assert not terminated(mention, as_of), mention
        else:
            assert not checked.valid or terminated(mention, as_of), mention


def terminated(mention: CodeMention, as_of: datetime.date) -> bool:
    release = selectors.release_for_date(system=mention.system, as_of=as_of)
    code = selectors.code_get(release=release, code=mention.code) if release else None
    return bool(code and code.termination_date and code.termination_date < as_of)


def kinds(answer) -> set[str]:
    return {citation.source_kind for citation in answer.citations}


@pytest.fixture
def icd10cm(tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path, TABULAR)])
    search.index_rebuild()
    return outcome.release


@pytest.fixture
def indexed_releases(icd10cm_releases):
    search.index_rebuild()
    return icd10cm_releases


# --- 1. code lookup


@pytest.mark.parametrize("text", ["What is E11.22?", "what does e11.22 mean", "E1122", "what is code E11.22"])
def test_it_looks_a_code_up_with_its_descriptor_notes_and_sources(icd10cm, text):
    answer = ask(text)
    assert answer.kind == AnswerKind.ANSWER
    assert "[**E11.22**](/codes/icd10cm/E11.22): Type 2 diabetes mellitus with diabetic chronic kidney disease" in (
        answer.markdown
    )
    assert "billable" in answer.markdown and "2026-04" in answer.markdown
    assert "code to identify stage of chronic kidney disease (N18.1-N18.6)" in answer.markdown
    labels = {citation.label for citation in answer.citations if citation.source_kind == SourceKind.TABULAR_NOTE}
    assert labels == {
        "E11.22 Use additional code note, ICD-10-CM 2026-04",
        "E11 Use additional code note, ICD-10-CM 2026-04",
        "E11 Excludes1 note, ICD-10-CM 2026-04",
    }
    assert SourceKind.CODE_PAGE in kinds(answer)
    assert answer.codes[0].code == "E11.22"


def test_a_header_lists_its_billable_codes(icd10cm):
    answer = ask("What is E11?")
    assert "header, not valid for coding" in answer.markdown
    assert "highest specificity" in answer.markdown
    assert {mention.code for mention in answer.codes} == {"E11", "E11.22", "E11.9"}


def test_a_header_with_a_7th_character_lists_its_completions(indexed_releases):
    answer = ask("what does S52.531 mean")
    assert {mention.code for mention in answer.codes} >= {"S52.531A", "S52.531D", "S52.531S"}
    assert "7th characters: A initial encounter for closed fracture" in answer.markdown


def test_a_code_missing_its_placeholder_is_invalid_and_the_valid_one_is_suggested(indexed_releases):
    answer = ask("What is W21.89A?")
    assert "**W21.89A** is not a valid ICD-10-CM code on 2026-07-15" in answer.markdown
    assert answer.codes[0] == CodeMention(code="W21.89A", system="icd10cm", title="", valid=False)
    assert answer.codes[1].code == "W21.89XA" and answer.codes[1].valid
    assert "placeholder X" in answer.markdown


def test_a_deleted_code_says_which_release_had_it(indexed_releases):
    answer = ask("What is E11.69?")
    assert "not a valid ICD-10-CM code" in answer.markdown
    assert "It was in the 2025-10 release and is not in 2026-04." in answer.markdown


def test_the_date_of_service_picks_the_release(indexed_releases):
    assert "not a valid" in ask("What is E11.A?", as_of=datetime.date(2026, 1, 15)).markdown
    assert "in remission" in ask("What is E11.A?").markdown


@pytest.fixture
def hcpcs(db):
    fixture = staged({"hcpcs/october_2025_records.txt": "HCPC2025_OCT_ANWEB.txt"})["HCPC2025_OCT_ANWEB.txt"]
    outcome, *_ = code_release_import(system="hcpcs", paths=[fixture])
    return outcome.release


def test_it_looks_up_a_hcpcs_code(hcpcs):
    answer = ask("E0601")
    assert "[**E0601**](/codes/hcpcs/E0601): Continuous positive airway pressure (cpap) device" in answer.markdown
    assert answer.codes[0].system == "hcpcs" and answer.codes[0].valid


def test_a_terminated_hcpcs_code_is_not_valid(hcpcs):
    answer = ask("J2780")
    assert "not a valid HCPCS Level II code on 2026-07-15" in answer.markdown
    assert "terminated on 2024-06-30" in answer.markdown
    assert answer.codes[0] == CodeMention(code="J2780", system="hcpcs", title="", valid=False)


@pytest.fixture
def icd10pcs(db):
    files = staged(
        {
            "icd10pcs/tables_sample.xml": "icd10pcs_tables_2026.xml",
            "icd10pcs/definitions_sample.xml": "icd10pcs_definitions_2026.xml",
        }
    )
    (outcome,) = code_release_import(system="icd10pcs", paths=list(files.values()))
    search.index_rebuild()
    return outcome.release


def test_it_looks_up_a_pcs_code_with_its_axes(icd10pcs):
    answer = ask("0FT44ZZ")
    assert "[**0FT44ZZ**](/codes/icd10pcs/0FT44ZZ)" in answer.markdown
    assert "- 5 Approach: 4 Percutaneous Endoscopic" in answer.markdown
    assert answer.codes[0].system == "icd10pcs"


@pytest.fixture
def cms_cpt_data(tmp_path):
    fee_release_import(dataset="rvu", paths=[write_pprrvu(tmp_path)])
    import_mue(tmp_path, [mue_line("99213", 1, "3", "Clinical: Data")])


@pytest.mark.parametrize("text", ["CPT code 99213", "what is code 99213", "99213"])
def test_unlicensed_cpt_gives_the_public_cms_facts_and_no_descriptor(cms_cpt_data, text):
    answer = ask(text)
    assert "licensed content" in answer.markdown
    assert "status A" in answer.markdown and "Work RVU 1.30" in answer.markdown
    assert "1 unit(s) a day" in answer.markdown
    assert "TEST DESCRIPTOR ONE" not in answer.markdown
    assert {SourceKind.CODE_PAGE, SourceKind.FEE_SCHEDULE, SourceKind.MUE, SourceKind.NCCI_EDIT} <= kinds(answer)
    assert answer.codes == [CodeMention(code="99213", system="cpt", title="", valid=True)]


def test_an_imported_cpt_file_stays_withheld_without_a_licence(settings, tmp_path, cms_cpt_data):
    settings.CPT_LICENSED = False
    import_cpt(tmp_path / "CPT2026")
    answer = ask("CPT code 10001")
    assert "licensed content" in answer.markdown
    assert not any(descriptor in answer.markdown for descriptor in every_descriptor())


def test_a_licensed_site_shows_the_cpt_descriptor_with_the_ama_notice(settings, tmp_path):
    settings.CPT_LICENSED = True
    import_cpt(tmp_path / "CPT2026")
    answer = ask("CPT code 10001")
    assert DESCRIPTORS["10001"][0] in answer.markdown
    assert "American Medical Association" in answer.markdown


def test_a_code_in_two_systems_shapes_prefers_the_one_it_is_valid_in(icd10cm, hcpcs):
    assert ask("What is E0601?").codes[0].system == "hcpcs"  # E06.01 is not in this ICD-10-CM
    assert ask("What is L50.9?").codes[0].system == "icd10cm"


# --- 2. code for a condition, procedure or supply


def test_code_for_a_lay_term_offers_the_billable_code_and_why(icd10cm):
    answer = ask("code for hives")
    assert answer.kind == AnswerKind.ANSWER
    assert answer.codes[0].code == "L50.9"
    assert "Matched:" in answer.markdown
    (searched,) = [citation for citation in answer.citations if citation.source_kind == SourceKind.SEARCH]
    assert searched.label == "CodingDesk search: hives → urticaria"
    assert SourceKind.CODE_PAGE in kinds(answer)


def test_a_broken_leg_is_asked_about_before_any_code(icd10cm):
    answer = ask("code for broken leg")
    assert answer.kind == AnswerKind.ASK
    follow_ups = " ".join(answer.follow_up_questions)
    for detail in ("Which bone", "right or left", "Displaced or nondisplaced", "Open or closed", "encounter"):
        assert detail in follow_ups
    assert [mention.code for mention in answer.codes] == ["S82"]
    assert "[**S82**](/codes/icd10cm/S82)" in answer.markdown


def test_a_fracture_with_every_detail_is_searched(icd10cm):
    answer = ask("code for closed displaced fracture of shaft of right tibia, initial encounter")
    assert answer.kind == AnswerKind.ANSWER
    assert answer.codes[0].code.startswith("S82.201")


def test_diabetes_without_its_type_is_asked_about(icd10cm):
    answer = ask("code for diabetes")
    assert answer.kind == AnswerKind.ASK
    assert any("Which type of diabetes" in follow_up for follow_up in answer.follow_up_questions)


def test_diabetes_with_ckd_is_coded(icd10cm):
    answer = ask("ICD-10 code for type 2 diabetes with diabetic chronic kidney disease")
    assert answer.kind == AnswerKind.ANSWER
    assert answer.codes[0].code == "E11.22"
    assert "code to identify stage of chronic kidney disease (N18.1-N18.6)" in answer.markdown
    assert "E11.22 Use additional code note, ICD-10-CM 2026-04" in {citation.label for citation in answer.citations}


def test_an_injury_without_its_encounter_is_asked_about(tmp_path, db):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    search.index_rebuild()
    answer = ask("code for whiplash")
    assert answer.kind == AnswerKind.ASK
    assert any("encounter" in follow_up for follow_up in answer.follow_up_questions)
    assert "S13.4XXA" in [mention.code for mention in answer.codes]
    assert ask("code for whiplash, subsequent encounter").codes[0].code == "S13.4XXD"


def test_a_pcs_procedure_asks_for_the_axis_it_lacks(icd10pcs):
    answer = ask("code for cholecystectomy")
    assert answer.kind == AnswerKind.ASK
    assert any(q.startswith("Which approach: 0 Open, 4 Percutaneous Endoscopic") for q in answer.follow_up_questions)
    assert {"0FT40ZZ", "0FT44ZZ"} <= {mention.code for mention in answer.codes}


def test_a_pcs_procedure_with_every_axis_gets_its_code_and_axes(icd10pcs):
    answer = ask("code for laparoscopic cholecystectomy")
    assert answer.kind == AnswerKind.ANSWER
    assert answer.codes[0].code == "0FT44ZZ"
    assert "- 4 Body Part: 4 Gallbladder" in answer.markdown


# --- 3. notes and conventions


def test_excludes1_decides_that_two_codes_are_not_coded_together(indexed_releases):
    answer = ask("Can I code E10.9 with E11.9?")
    assert "**No**" in answer.markdown
    # E10 excludes type 2 (E11.-): that note decides, and it is cited.
    assert "E10 Excludes1 note, ICD-10-CM 2026-04" in {citation.label for citation in answer.citations}
    assert "type 2 diabetes mellitus (E11.-)" in answer.markdown and "unrelated" in answer.markdown


def test_excludes2_lets_two_codes_be_coded_together(indexed_releases):
    answer = ask("can I code W21.89XA with S52.531A")
    assert "**Yes**" in answer.markdown and "Excludes2" in answer.markdown
    assert "W21 Excludes2 note, ICD-10-CM 2026-04" in {citation.label for citation in answer.citations}


def test_an_excludes_note_asked_about_between_two_codes_is_checked(indexed_releases):
    answer = ask("Does E10.9 have an Excludes1 note for E11.9?")
    assert "**No**" in answer.markdown
    assert "E10 Excludes1 note, ICD-10-CM 2026-04" in {citation.label for citation in answer.citations}


def test_two_codes_no_note_names_may_be_coded_together(indexed_releases):
    answer = ask("can I code E11.9 with W21.89XA?")
    assert "does not forbid" in answer.markdown


def test_the_notes_of_a_code_and_its_ancestors_are_cited(indexed_releases):
    answer = ask("excludes1 for E11.9")
    assert "type 1 diabetes mellitus (E10.-)" in answer.markdown
    labels = [citation.label for citation in answer.citations]
    assert "Excludes1 (at Chapter 4, applies to the codes below it)" in answer.markdown
    assert {"E11 Excludes1 note, ICD-10-CM 2026-04", "Chapter 4 Excludes1 note, ICD-10-CM 2026-04"} <= set(labels)
    assert len(labels) == len(set(labels))


def test_a_convention_asked_from_a_code_page_reads_that_code(indexed_releases):
    question = Question(text="What are the excludes1 notes here?", as_of=AS_OF, code_context=("icd10cm", "E11.9"))
    answer = handler.handle_conventions(question)
    assert "type 1 diabetes mellitus (E10.-)" in answer.markdown


def test_code_first_for_a_manifestation(icd10cm):
    answer = ask("code first for N18.30")
    assert "diabetic chronic kidney disease (E08.22, E09.22, E10.22, E11.22, E13.22)" in answer.markdown
    assert "N18 Code first note, ICD-10-CM 2026-04" in {citation.label for citation in answer.citations}


@pytest.mark.parametrize("text, words", [
    ("what does excludes2 mean", "not included here"),
    ("What is excludes1?", "never coded together"),
    ("placeholder X", "placeholder X"),
])
def test_a_convention_is_explained_with_its_guideline(db, text, words):
    answer = ask(text)
    assert words in answer.markdown
    assert kinds(answer) == {SourceKind.GUIDELINE}


def test_7th_character_for_a_code_lists_the_table_and_completions(indexed_releases):
    answer = ask("7th character for S52.531")
    assert "A initial encounter for closed fracture" in answer.markdown
    assert {"S52.531A", "S52.531D", "S52.531S"} <= {mention.code for mention in answer.codes}


# --- 4. release changes


@pytest.mark.parametrize("text", ["what changed in ICD-10-CM this year", "new codes in April 2026"])
def test_release_changes_are_counted_with_examples(indexed_releases, text):
    answer = ask(text)
    assert "2026-04" in answer.markdown and "2025-10" in answer.markdown
    assert "4 added, 1 deleted, 2 retitled" in answer.markdown
    assert "[**E11.A**](/codes/icd10cm/E11.A)" in answer.markdown
    assert CodeMention(code="E11.69", system="icd10cm", title=answer.codes[4].title, valid=False) in answer.codes
    (citation,) = answer.citations
    assert citation.url == "/codes/icd10cm/changes" and citation.source_kind == SourceKind.RELEASE_DIFF


def test_codes_added_in_a_release_are_listed(indexed_releases):
    assert "4 added, 1 deleted, 2 retitled" in ask("Which ICD-10-CM codes were added in April 2026?").markdown


def test_a_month_after_the_newest_release_is_declined_naming_the_newest(indexed_releases):
    answer = ask("What changed in ICD-10-CM for October 2026?")
    assert answer.kind == AnswerKind.DECLINE
    assert "I don't have the ICD-10-CM release for October 2026: the newest one loaded is 2026-04" in answer.markdown


def test_changes_of_a_code_set_with_no_release_are_declined_for_want_of_release_dates(db):
    answer = ask("What CPT codes changed in 2026?")
    assert answer.kind == AnswerKind.DECLINE
    assert answer.markdown.startswith("I don't have release dates for CPT")


def test_a_code_for_question_is_not_a_release_question(indexed_releases):
    assert handler.handle_release_changes(Question(text="code for new onset diabetes", as_of=AS_OF)) is None


def test_a_lookup_before_the_first_release_is_declined_naming_the_date(indexed_releases):
    answer = ask("Is E11.22 valid?", as_of=datetime.date(2020, 6, 1))
    assert answer.kind == AnswerKind.DECLINE
    assert "I don't have a ICD-10-CM release in force on 2020-06-01" in answer.markdown


def test_an_encounter_reason_is_searched_in_icd10cm(db, monkeypatch):
    systems = []
    monkeypatch.setattr(search, "search", lambda query, **options: systems.append(options["system"]) or
                        search.SearchResponse(query=query, results=[]))
    ask("code for encounter for screening colonoscopy")
    assert systems == ["icd10cm"]


KNEE_PAIN = """<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.tabular>
  <version>2026</version>
  <chapter>
    <name>13</name>
    <desc>Diseases of the musculoskeletal system and connective tissue (M00-M99)</desc>
    <section id="M20-M25">
      <desc>Other joint disorders (M20-M25)</desc>
      <diag>
        <name>M25</name>
        <desc>Other joint disorder, not elsewhere classified</desc>
        <diag>
          <name>M25.5</name>
          <desc>Pain in joint</desc>
          <diag>
            <name>M25.56</name>
            <desc>Pain in knee</desc>
            <diag><name>M25.561</name><desc>Pain in right knee</desc></diag>
            <diag><name>M25.562</name><desc>Pain in left knee</desc></diag>
            <diag><name>M25.569</name><desc>Pain in unspecified knee</desc></diag>
          </diag>
        </diag>
      </diag>
    </section>
  </chapter>
</ICD10CM.tabular>
"""


@pytest.fixture
def knee_pain_codes(tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path, KNEE_PAIN)])
    search.index_rebuild()


def test_a_condition_coded_by_side_asks_for_the_side_when_none_is_given(knee_pain_codes):
    answer = ask("code for pain in knee")
    assert any(follow_up.startswith("Which side: right, left or bilateral?") for follow_up in answer.follow_up_questions)


def test_a_condition_with_its_side_is_not_asked_about_the_side(knee_pain_codes):
    assert not any("Which side" in follow_up for follow_up in ask("code for pain in right knee").follow_up_questions)


def test_a_question_it_does_not_know_is_left_to_other_handlers(db):
    assert ask("how do modifiers 59 and XU differ?") is None


def test_a_code_request_in_coder_shorthand_is_answered(icd10cm):
    answer = ask("DM2 w/ diabetic CKD - what do I code?")
    assert answer.kind == AnswerKind.ANSWER
    assert answer.codes[0].code == "E11.22"


def test_a_fracture_naming_bone_side_and_encounter_takes_the_default_displacement(icd10cm):
    # Guideline I.C.19.c: not documented displaced or open, a fracture is coded displaced and closed.
    answer = ask("fx shaft of rt tibia, init encounter icd10")
    assert answer.kind == AnswerKind.ANSWER
    assert answer.codes[0].code.startswith("S82.201")


def test_a_bare_description_is_answered_as_code_for_it(icd10cm):
    from codingdesk.assistant.engines.grounded import GroundedEngine

    answer = GroundedEngine().answer(Question(text="pt presents with hives", as_of=AS_OF))
    assert answer.kind == AnswerKind.ANSWER
    assert answer.codes[0].code == "L50.9"


def test_a_bare_phrase_that_matches_no_code_is_not_understood(icd10cm):
    from codingdesk.assistant.engines.grounded import GroundedEngine

    answer = GroundedEngine().answer(Question(text="the quarterly budget meeting moved to Tuesday", as_of=AS_OF))
    assert answer.kind == AnswerKind.DECLINE
    assert answer.codes == []


def test_a_header_whose_completions_insert_x_names_the_placeholder(indexed_releases):
    answer = ask("is W21.89 a valid dx code")
    assert "W21.89XA" in [mention.code for mention in answer.codes]
    assert "placeholder X" in answer.markdown



@pytest.mark.parametrize("text", ["E10.9 plus E11.9 together ok?", "E10.9 and E11.9 both reportable?"])
def test_two_codes_asked_about_in_coder_words_are_checked_together(indexed_releases, text):
    answer = ask(text)
    assert "**No**" in answer.markdown


def test_an_injury_answer_adds_the_external_cause_the_query_describes():
    from types import SimpleNamespace

    from codingdesk.assistant.engines.handlers.codes.code_for import _with_external_cause

    injury, other, cause = (SimpleNamespace(code=code) for code in ("S81.851A", "S80.861A", "W54.0XXA"))
    assert _with_external_cause([injury, other], [injury, other, cause]) == [injury, other, cause]
    assert _with_external_cause([other], [other]) == [other]


def test_a_note_inherited_from_a_block_names_the_block_by_its_title():
    from types import SimpleNamespace

    from codingdesk.assistant.engines.handlers.codes._shared import _owner_place

    block = SimpleNamespace(kind="block", code="I10-I1A", long_title="Hypertensive diseases (I10-I1A)")
    assert _owner_place(block) == "the block Hypertensive diseases"  # "I10" would read as a code named
