import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from codingdesk.jobs.models import PostingStatus
from codingdesk.jobs.services.postings import job_posting_reject


def test_it_sends_the_posting_back_as_a_draft_with_the_note(staff_user, submitted_posting, send_on_commit):
    with send_on_commit():
        posting = job_posting_reject(posting=submitted_posting, reviewer=staff_user, note="Remove the training fee.")

    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT
    assert posting.review_note == "Remove the training fee."
    assert "Remove the training fee." in mail.outbox[0].body


def test_it_needs_a_note(staff_user, submitted_posting):
    with pytest.raises(ValidationError):
        job_posting_reject(posting=submitted_posting, reviewer=staff_user, note="  ")


def test_only_staff_send_postings_back(employer_user, submitted_posting):
    with pytest.raises(PermissionDenied):
        job_posting_reject(posting=submitted_posting, reviewer=employer_user, note="No.")
