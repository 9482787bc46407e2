from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from codingdesk.assistant.models import CodeDescription, DescriptionStatus
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    return outcome.release


def describe(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("describe", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_describes_codes_from_the_structured_data(release, settings):
    settings.ASSISTANT_ENGINE = "grounded"
    out, err = describe("--system", "icd10cm", "--codes", "E11.9", "E15")
    assert "from the structured data" in out
    assert "Described 2 icd10cm codes: 2 created, 0 refreshed, 0 approved kept." in out
    assert "2/2" in err
    assert CodeDescription.objects.get(code="E11.9").source == "structured"


def test_it_uses_the_llm_when_one_is_configured(release, chat_stub):
    chat_stub.reply = "A plain sentence about diabetes. Another plain sentence."
    out, _ = describe("--system", "icd10cm", "--codes", "E11.9")
    assert "from the LLM at" in out
    assert "0 fell back to structured text" in out
    assert CodeDescription.objects.get(code="E11.9").source == "llm:stub-model"


def test_limit_caps_the_number_of_codes(release):
    out, _ = describe("--system", "icd10cm", "--limit", "2")
    assert "Described 2 icd10cm codes" in out
    assert CodeDescription.objects.count() == 2


def test_force_rewrites_approved_descriptions(release):
    describe("--system", "icd10cm", "--codes", "E11.9")
    CodeDescription.objects.update(text="Edited.", status=DescriptionStatus.APPROVED)
    out, _ = describe("--system", "icd10cm", "--codes", "E11.9")
    assert "1 approved kept" in out
    describe("--system", "icd10cm", "--codes", "E11.9", "--force")
    assert CodeDescription.objects.get(code="E11.9").status == DescriptionStatus.DRAFT


def test_it_reports_unknown_codes(release):
    out, _ = describe("--system", "icd10cm", "--codes", "Q99.999")
    assert "1 not found" in out


def test_it_fails_when_the_system_has_no_release(db):
    with pytest.raises(CommandError, match="No hcpcs release"):
        describe("--system", "hcpcs")
