import pytest
from django.urls import reverse

from codingdesk.assistant.models import CodeDescription, DescriptionStatus
from codingdesk.codesets.services import code_release_import

from .icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

TEXT = "Type 2 diabetes in plain words, reviewed by our staff."


@pytest.fixture
def release(tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    return outcome.release


def describe(status: str) -> CodeDescription:
    return CodeDescription.objects.create(
        system="icd10cm", code="E11.9", text=TEXT, source="llm:stub-model", status=status, release_version="2026"
    )


def page(client, code: str = "E11.9") -> str:
    return client.get(reverse("codesets:code_detail", kwargs={"system": "icd10cm", "code": code})).content.decode()


def test_an_approved_description_opens_the_plain_english_section(client, release):
    describe(DescriptionStatus.APPROVED)
    html = page(client)
    section = html[html.index('id="summary-heading"'):]
    assert "Reviewed description" in section
    assert section.index(TEXT) < section.index("billable ICD-10-CM code")  # the structured paragraphs follow


@pytest.mark.parametrize("status", [DescriptionStatus.DRAFT, DescriptionStatus.REJECTED])
def test_a_description_not_approved_is_not_shown(client, release, status):
    describe(status)
    html = page(client)
    assert TEXT not in html
    assert "Reviewed description" not in html


def test_it_belongs_to_its_code_only(client, release):
    describe(DescriptionStatus.APPROVED)
    assert TEXT not in page(client, "E15")
