"""Fixtures for the job board: an employer user and their company, a staff
reviewer, postings in any status, and uploads kept out of var/."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from codingdesk.jobs.models import PostingStatus
from tests.jobs.factories import EmployerFactory, EmployerUserFactory, JobPostingFactory, StaffUserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Logos (and anything else uploaded) go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture
def employer_user(db):
    """Dana, who hires for Valley Clinic: employer role, verified email."""
    return EmployerUserFactory(email="dana@valleyclinic.example.com")


@pytest.fixture
def employer(employer_user):
    """Valley Clinic, whose one member is employer_user. Not trusted."""
    return EmployerFactory(name="Valley Clinic", website="https://valleyclinic.example.com", members=[employer_user])


@pytest.fixture
def other_employer_user(db):
    """Hiring for a different company: must never touch employer's postings."""
    return EmployerUserFactory(email="erin@rivalbilling.example.com")


@pytest.fixture
def other_employer(other_employer_user):
    return EmployerFactory(name="Rival Billing", website="https://rivalbilling.example.com", members=[other_employer_user])


@pytest.fixture
def staff_user(db):
    return StaffUserFactory(email="sam@codingdesk.example.com")


@pytest.fixture
def make_posting(employer):
    """make_posting(status=..., **fields): a posting of employer's (by default)."""

    def make(status: str = PostingStatus.DRAFT, **fields):
        fields.setdefault("employer", employer)
        return JobPostingFactory(status=status, **fields)

    return make


@pytest.fixture
def draft_posting(make_posting):
    return make_posting(PostingStatus.DRAFT)


@pytest.fixture
def submitted_posting(make_posting):
    return make_posting(PostingStatus.SUBMITTED)


@pytest.fixture
def published_posting(make_posting):
    """Published yesterday by employer, expiring in 29 days."""
    return make_posting(PostingStatus.PUBLISHED, title="Remote E/M coder")


@pytest.fixture
def posting_fields():
    """What an employer fills in for a valid remote job."""
    return {
        "title": "Remote Risk Adjustment Coder",
        "description": "Review charts for **HCC** capture.",
        "location_type": "remote",
        "remote_states": ["TX", "OK"],
        "employment_type": "full_time",
        "credentials": ["CRC"],
        "specialties": ["risk_adjustment"],
        "experience_level": "mid",
        "apprentices_welcome": False,
        "pay_min": Decimal("25.00"),
        "pay_max": Decimal("31.00"),
        "pay_period": "hour",
    }


@pytest.fixture
def send_on_commit(django_capture_on_commit_callbacks, settings):
    """Run on-commit callbacks as the block's transaction commits, and the
    tasks they queue (the emails) at once, in the test's transaction. Tests of
    the queue itself use run_tasks() with a real worker instead."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- Job seekers (appended by jobs-seeker): résumés, applications ---



# The smallest file a PDF reader opens: what a browser test uploads too.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes() -> bytes:
    """A ZIP laid out as a Word document (only what the type check reads)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def resume_dir(settings, tmp_path_factory):
    """Résumés go to a private folder of the test's own."""
    settings.JOBS_RESUME_DIR = tmp_path_factory.mktemp("resumes")
    return settings.JOBS_RESUME_DIR


@pytest.fixture
def pdf_resume():
    return SimpleUploadedFile("Alice Smith resume.pdf", MINIMAL_PDF, content_type="application/pdf")


@pytest.fixture
def docx_resume():
    return SimpleUploadedFile(
        "alice.docx",
        docx_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@pytest.fixture
def application(published_posting, alice, pdf_resume):
    """alice's application, with a PDF résumé, to employer's published posting."""
    from codingdesk.jobs.services.applications import application_create

    return application_create(posting=published_posting, applicant=alice, resume=pdf_resume, cover_note="Hi!")
