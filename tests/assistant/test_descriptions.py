import pytest

from codingdesk.assistant.descriptions import (
    code_description_approved,
    code_description_generate,
    code_descriptions_fill,
)
from codingdesk.assistant.models import CodeDescription, DescriptionStatus
from codingdesk.codesets import selectors
from codingdesk.codesets.services import code_release_import
from tests.codesets.cpt_files import import_cpt
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

PLAIN = (
    "Type 2 diabetes is a long-term condition in which blood sugar runs high. "
    "This code is used when it has caused no complications."
)


@pytest.fixture
def release(tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    return outcome.release


def description(code: str) -> CodeDescription:
    return CodeDescription.objects.get(system="icd10cm", code=code)


def test_it_fills_drafts_from_the_structured_data(release):
    result = code_descriptions_fill(system="icd10cm", codes=["E11.9", "S13.4XXA"], use_llm=False)
    assert (result.created, result.refreshed) == (2, 0)
    row = description("E11.9")
    assert row.status == DescriptionStatus.DRAFT
    assert row.source == "structured"
    assert row.release_version == release.version
    assert "billable ICD-10-CM code" in row.text
    assert "Type 2 diabetes mellitus without complications" in row.text


def test_it_fills_every_code_of_the_release_up_to_the_limit(release):
    progress = []
    result = code_descriptions_fill(
        system="icd10cm", use_llm=False, limit=3, on_progress=lambda *done: progress.append(done)
    )
    assert result.created == 3
    assert progress == [(1, 3), (2, 3), (3, 3)]


def test_it_counts_codes_that_are_not_in_the_release(release):
    result = code_descriptions_fill(system="icd10cm", codes=["E11.9", "Z99.999"], use_llm=False)
    assert (result.created, result.not_found) == (1, 1)


def test_it_asks_the_model_with_the_code_data_in_data_blocks(release, chat_stub):
    chat_stub.reply = PLAIN
    result = code_descriptions_fill(system="icd10cm", codes=["E11.9"], use_llm=True)
    row = description("E11.9")
    assert (result.created, result.llm_fallbacks) == (1, 0)
    assert row.text == PLAIN
    assert row.source == "llm:stub-model"
    user_turn = chat_stub.last_body["messages"][-1]["content"]
    assert '<data source="official_descriptor">' in user_turn
    assert "Type 2 diabetes mellitus without complications" in user_turn
    assert "diabetes mellitus due to underlying condition (E08.-)" in user_turn  # an inherited Excludes1 note


def test_a_reply_naming_a_code_the_tables_lack_falls_back_to_structured_text(release, chat_stub):
    chat_stub.reply = "This is like E11.99 and E11.9, a kind of diabetes."
    result = code_descriptions_fill(system="icd10cm", codes=["E11.9"], use_llm=True)
    row = description("E11.9")
    assert result.llm_fallbacks == 1
    assert row.source == "structured"
    assert "E11.99" not in row.text


def test_a_reply_naming_only_valid_codes_is_kept(release, chat_stub):
    chat_stub.reply = "E11.9 is used for type 2 diabetes without complications; E15 is a different coma."
    code = selectors.code_get(release=release, code="E11.9")
    generated = code_description_generate(code=code, use_llm=True)
    assert generated.source == "llm:stub-model"
    assert not generated.fell_back


@pytest.mark.parametrize("reply", ["", "   "])
def test_an_empty_reply_falls_back_to_structured_text(release, chat_stub, reply):
    chat_stub.reply = reply
    code = selectors.code_get(release=release, code="E11.9")
    generated = code_description_generate(code=code, use_llm=True)
    assert (generated.source, generated.fell_back) == ("structured", True)
    assert "Type 2 diabetes mellitus without complications" in generated.text


def test_an_unreachable_model_falls_back_to_structured_text(release, chat_stub):
    chat_stub.status = 503
    code_descriptions_fill(system="icd10cm", codes=["E11.9"], use_llm=True)
    assert description("E11.9").source == "structured"


def test_it_refreshes_drafts_and_rejected_rows(release, alice):
    code_descriptions_fill(system="icd10cm", codes=["E11.9", "E15"], use_llm=False)
    CodeDescription.objects.filter(code="E15").update(text="old", status=DescriptionStatus.REJECTED, reviewed_by=alice)
    result = code_descriptions_fill(system="icd10cm", codes=["E11.9", "E15"], use_llm=False)
    assert (result.created, result.refreshed) == (0, 2)
    row = description("E15")
    assert (row.status, row.reviewed_by) == (DescriptionStatus.DRAFT, None)
    assert row.text != "old"


def test_it_never_overwrites_an_approved_description_without_force(release, alice):
    code_descriptions_fill(system="icd10cm", codes=["E11.9"], use_llm=False)
    CodeDescription.objects.filter(code="E11.9").update(text="Edited by staff.", status=DescriptionStatus.APPROVED)
    result = code_descriptions_fill(system="icd10cm", codes=["E11.9"], use_llm=False)
    assert (result.kept_approved, result.written) == (1, 0)
    assert description("E11.9").text == "Edited by staff."
    code_descriptions_fill(system="icd10cm", codes=["E11.9"], use_llm=False, force=True)
    row = description("E11.9")
    assert row.text != "Edited by staff."
    assert row.status == DescriptionStatus.DRAFT


def test_cpt_codes_are_skipped_without_a_licence(tmp_path, settings, chat_stub):
    settings.CPT_LICENSED = False
    import_cpt(tmp_path / "CPT2026")
    result = code_descriptions_fill(system="cpt", use_llm=True)
    assert result.skipped_cpt == 6
    assert result.written == 0
    assert not CodeDescription.objects.exists()
    assert chat_stub.requests == []


def test_cpt_codes_are_described_with_a_licence(tmp_path, settings):
    settings.CPT_LICENSED = True
    import_cpt(tmp_path / "CPT2026")
    result = code_descriptions_fill(system="cpt", codes=["10001"], use_llm=False)
    assert result.created == 1


def test_an_approved_cpt_description_is_not_shown_without_a_licence(tmp_path, settings):
    settings.CPT_LICENSED = True
    import_cpt(tmp_path / "CPT2026")
    CodeDescription.objects.create(system="cpt", code="10001", text="t", source="structured",
                                   status=DescriptionStatus.APPROVED, release_version="2026")
    assert code_description_approved(system="cpt", code="10001") is not None
    settings.CPT_LICENSED = False
    assert code_description_approved(system="cpt", code="10001") is None


def test_only_approved_descriptions_are_selected(release):
    code_descriptions_fill(system="icd10cm", codes=["E11.9"], use_llm=False)
    assert code_description_approved(system="icd10cm", code="E11.9") is None
    CodeDescription.objects.filter(code="E11.9").update(status=DescriptionStatus.APPROVED)
    assert code_description_approved(system="icd10cm", code="E11.9").code == "E11.9"


def test_it_refuses_a_system_with_no_release(db):
    with pytest.raises(ValueError, match="No icd10pcs release"):
        code_descriptions_fill(system="icd10pcs", use_llm=False)
