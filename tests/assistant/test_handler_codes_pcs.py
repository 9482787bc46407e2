"""ICD-10-PCS codes for a procedure (handlers/codes/pcs.py): the table the
search lands in is walked axis by axis, keeping the codes whose values the
question names, and asking about the axes still open."""

import datetime

import pytest

from codingdesk import search
from codingdesk.assistant.engines.base import AnswerKind, Question
from codingdesk.assistant.engines.handlers.codes import handle_code_for
from codingdesk.codesets.services import code_release_import
from tests.codesets.fixture_files import staged

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 7, 15)


def axis(position: int, title: str, labels: dict[str, str]) -> str:
    options = "".join(f'<label code="{code}">{label}</label>' for code, label in labels.items())
    return f'<axis pos="{position}" values="{len(labels)}"><title>{title}</title>{options}</axis>'


def table(system: tuple[str, str], operation: tuple[str, str], rows: list[list[dict[str, str]]],
          section: tuple[str, str] = ("0", "Medical and Surgical")) -> str:
    head = axis(1, "Section", dict([section])) + axis(2, "Body System", dict([system]))
    head += axis(3, "Operation", dict([operation]))
    body = ""
    for body_part, approach, device, qualifier in rows:
        count = len(body_part) * len(approach) * len(device) * len(qualifier)
        body += (f'<pcsRow codes="{count}">' + axis(4, "Body Part", body_part) + axis(5, "Approach", approach)
                 + axis(6, "Device", device) + axis(7, "Qualifier", qualifier) + "</pcsRow>")
    return f"<pcsTable>{head}{body}</pcsTable>"


TABLES = (
    '<?xml version="1.0" encoding="utf-8"?><ICD10PCS.tabular><version>2026</version>'
    "<title>2026 ICD-10-PCS Tables</title>"
    + table(("S", "Lower Joints"), ("R", "Replacement"), [[
        {"C": "Knee Joint, Right", "D": "Knee Joint, Left"}, {"0": "Open"}, {"J": "Synthetic Substitute"},
        {"9": "Cemented", "A": "Uncemented", "Z": "No Qualifier"},
    ]])
    + table(("S", "Lower Joints"), ("R", "Replacement"), [[
        {"9": "Hip Joint, Right"}, {"0": "Open"},
        {"1": "Synthetic Substitute, Metal", "2": "Synthetic Substitute, Metal on Polyethylene"},
        {"9": "Cemented", "A": "Uncemented"},
    ]])
    + table(("A", "Physiological Systems"), ("1", "Performance"), [[
        {"9": "Respiratory"},
        {"3": "Less than 24 Consecutive Hours", "4": "24-96 Consecutive Hours", "5": "Greater than 96 Consecutive Hours"},
        {"5": "Ventilation"}, {"Z": "No Qualifier"},
    ]], section=("5", "Extracorporeal or Systemic Assistance and Performance"))
    + table(("D", "Gastrointestinal System"), ("T", "Resection"), [
        [{"J": "Appendix"}, {"0": "Open", "4": "Percutaneous Endoscopic"}, {"Z": "No Device"}, {"Z": "No Qualifier"}],
        [{"J": "Appendix"}, {"4": "Percutaneous Endoscopic"}, {"Z": "No Device"}, {"G": "Hand-Assisted"}],
    ])
    + "</ICD10PCS.tabular>"
)


@pytest.fixture
def pcs_tables(db):
    files = staged({"icd10pcs/definitions_sample.xml": "icd10pcs_definitions_2026.xml"})
    definitions = files["icd10pcs_definitions_2026.xml"]
    tables = definitions.parent / "icd10pcs_tables_2026.xml"
    tables.write_text(TABLES, encoding="utf-8")
    code_release_import(system="icd10pcs", paths=[tables, definitions])
    search.index_rebuild()


def ask(text: str):
    return handle_code_for(Question(text=text, as_of=AS_OF))


def test_laparoscopic_names_the_percutaneous_endoscopic_approach(pcs_tables):
    answer = ask("PCS code for laparoscopic resection of appendix")
    assert answer.kind == AnswerKind.ANSWER
    assert [mention.code for mention in answer.codes] == ["0DTJ4ZZ"]


def test_a_hand_assisted_qualifier_is_given_only_when_the_question_says_so(pcs_tables):
    assert ask("PCS code for hand-assisted laparoscopic resection of appendix").codes[0].code == "0DTJ4ZG"


def test_the_side_of_a_paired_body_part_is_asked_when_not_given(pcs_tables):
    answer = ask("PCS code for open replacement of knee joint with cemented synthetic substitute")
    assert answer.kind == AnswerKind.ASK
    assert answer.follow_up_questions == ["Which body part: C Knee Joint, Right, D Knee Joint, Left?"]
    assert {mention.code for mention in answer.codes} == {"0SRC0J9", "0SRD0J9"}


def test_the_side_named_picks_the_body_part_value(pcs_tables):
    answer = ask("PCS code for open replacement of left knee joint with cemented synthetic substitute")
    assert answer.kind == AnswerKind.ANSWER
    assert [mention.code for mention in answer.codes] == ["0SRD0J9"]


def test_each_axis_left_open_is_asked_with_its_values(pcs_tables):
    answer = ask("PCS code for replacement of knee joint")
    assert answer.kind == AnswerKind.ASK
    assert "Which qualifier: 9 Cemented, A Uncemented, Z No Qualifier?" in answer.follow_up_questions


def test_a_device_is_named_by_its_kind_without_its_generic_name(pcs_tables):
    answer = ask("PCS code for open replacement of right hip joint, metal on polyethylene, cemented")
    assert [mention.code for mention in answer.codes] == ["0SR9029"]


def test_a_duration_in_hours_names_the_range_that_holds_it(pcs_tables):
    answer = ask("PCS code for performance of respiratory ventilation for 72 hours")
    assert [mention.code for mention in answer.codes] == ["5A1945Z"]


def test_metal_on_poly_names_the_metal_on_polyethylene_device(pcs_tables):
    answer = ask("pcs code rt total hip arthroplasty, open, metal on poly, cemented")
    assert [mention.code for mention in answer.codes] == ["0SR9029"]


def test_a_total_hysterectomy_pattern_names_the_cervix_too():
    from codingdesk.assistant.engines.handlers.codes.pcs import TOTAL_HYSTERECTOMY

    for text in ("total abdominal hysterectomy", "TAH", "lap total hysterectomy", "uterus and cervix removed"):
        assert TOTAL_HYSTERECTOMY.search(text), text
    assert not TOTAL_HYSTERECTOMY.search("laparoscopic supracervical hysterectomy")


def test_mesh_and_packed_cells_name_their_device_and_substance_values():
    from codingdesk.assistant.engines.handlers.codes.pcs import DEVICE, _names

    def names(query: str, label: str) -> bool:
        return _names(query, set(query.lower().split()), DEVICE, label)

    assert names("open inguinal hernia repair with mesh", "Synthetic Substitute")
    assert names("transfusion of packed RBCs via peripheral vein", "Red Blood Cells")
    assert not names("transfusion of packed RBCs via peripheral vein", "Frozen Red Cells")
