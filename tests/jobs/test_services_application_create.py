"""application_create: one application per seeker and posting, with a résumé
whose type is checked by content."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from codingdesk.jobs.models import Application, ApplicationStatus, PostingStatus
from codingdesk.jobs.services.applications import application_create
from tests.jobs.conftest import MINIMAL_PDF


def test_it_saves_the_application_and_the_resume_privately(
    published_posting, alice, pdf_resume, resume_dir, media_root
):
    application = application_create(
        posting=published_posting, applicant=alice, resume=pdf_resume, cover_note="Five years of E/M."
    )

    assert application.status == ApplicationStatus.NEW
    assert application.resume_filename == "Alice Smith resume.pdf"
    stored = Path(application.resume.path)
    assert stored.parent == Path(resume_dir)
    assert stored.read_bytes() == MINIMAL_PDF
    # A random name: not the applicant's file name, not under MEDIA_ROOT.
    assert "Alice" not in stored.name and stored.suffix == ".pdf"
    assert not list(Path(media_root).rglob("*.pdf"))


def test_a_docx_is_accepted(published_posting, alice, docx_resume):
    application = application_create(posting=published_posting, applicant=alice, resume=docx_resume)

    assert application.resume.name.endswith(".docx")


def test_the_content_decides_the_type_not_the_name(published_posting, alice):
    upload = SimpleUploadedFile("resume.docx", MINIMAL_PDF, content_type="application/msword")

    application = application_create(posting=published_posting, applicant=alice, resume=upload)

    assert application.resume_filename == "resume.pdf"


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03 an executable",
        b"<html><script>alert(1)</script></html>",
        b"PK\x03\x04 not really a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old .doc",
    ],
)
def test_a_wrong_file_disguised_as_pdf_is_refused(published_posting, alice, content):
    upload = SimpleUploadedFile("resume.pdf", content, content_type="application/pdf")

    with pytest.raises(ValidationError, match="not a PDF or Word"):
        application_create(posting=published_posting, applicant=alice, resume=upload)

    assert not Application.objects.exists()


def test_a_zip_that_is_not_a_word_document_is_refused(published_posting, alice):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", "MZ")
    upload = SimpleUploadedFile("resume.docx", buffer.getvalue())

    with pytest.raises(ValidationError, match="not a PDF or Word"):
        application_create(posting=published_posting, applicant=alice, resume=upload)


def test_a_resume_over_the_limit_is_refused(published_posting, alice, settings):
    settings.JOBS_RESUME_MAX_BYTES = 1024
    upload = SimpleUploadedFile("big.pdf", MINIMAL_PDF + b" " * 1024)

    with pytest.raises(ValidationError) as error:
        application_create(posting=published_posting, applicant=alice, resume=upload)

    assert error.value.message_dict == {"resume": ["The résumé must be 1.0\xa0KB or smaller."]}


def test_one_application_per_posting(application, published_posting, alice, docx_resume):
    with pytest.raises(ValidationError, match="already applied"):
        application_create(posting=published_posting, applicant=alice, resume=docx_resume)


@pytest.mark.parametrize(
    "status", [PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.EXPIRED, PostingStatus.CLOSED]
)
def test_only_published_postings_take_applications(make_posting, alice, pdf_resume, status):
    posting = make_posting(status)

    with pytest.raises(ValidationError, match="no longer taking applications"):
        application_create(posting=posting, applicant=alice, resume=pdf_resume)


def test_external_apply_postings_take_no_applications_here(make_posting, alice, pdf_resume):
    posting = make_posting(PostingStatus.PUBLISHED, apply_url="https://valleyclinic.example.com/careers")

    with pytest.raises(ValidationError, match="its own website"):
        application_create(posting=posting, applicant=alice, resume=pdf_resume)


def test_an_employer_cannot_apply_to_its_own_posting(published_posting, employer_user, pdf_resume):
    with pytest.raises(ValidationError, match="own company"):
        application_create(posting=published_posting, applicant=employer_user, resume=pdf_resume)


def test_a_cover_note_over_5000_characters_is_refused(published_posting, alice, pdf_resume):
    with pytest.raises(ValidationError, match="cover_note"):
        application_create(posting=published_posting, applicant=alice, resume=pdf_resume, cover_note="x" * 5001)


def test_the_employers_users_hear_of_a_new_applicant(
    published_posting, alice, pdf_resume, employer_user, mailoutbox, send_on_commit
):
    with send_on_commit():
        application_create(posting=published_posting, applicant=alice, resume=pdf_resume)
    (email,) = mailoutbox
    assert email.to == [employer_user.email]
    assert published_posting.title in email.subject
    assert f"/jobs/employer/postings/{published_posting.pk}/applicants/" in email.body
    assert alice.email not in email.body  # the applicant's details stay on the site
