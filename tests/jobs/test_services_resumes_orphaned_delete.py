"""resumes_orphaned_delete: files of deleted applications go; others stay."""

import os
import time
from pathlib import Path

import pytest

from codingdesk.jobs.services.resumes import GRACE_SECONDS, resumes_orphaned_delete

pytestmark = pytest.mark.django_db

OLD = time.time() - GRACE_SECONDS - 60


def aged(path: Path) -> Path:
    os.utime(path, (OLD, OLD))
    return path


def test_the_file_of_a_deleted_application_is_deleted(application, resume_dir):
    stored = aged(Path(application.resume.path))
    application.delete()
    assert resumes_orphaned_delete() == 1
    assert not stored.exists()


def test_a_file_still_referred_to_is_kept(application, resume_dir):
    stored = aged(Path(application.resume.path))
    assert resumes_orphaned_delete() == 0
    assert stored.exists()


def test_a_file_written_in_the_last_hour_is_kept(resume_dir):
    fresh = Path(resume_dir) / "just-uploaded.pdf"
    fresh.write_bytes(b"%PDF-1.4")
    assert resumes_orphaned_delete() == 0
    assert fresh.exists()
