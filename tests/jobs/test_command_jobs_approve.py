import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from codingdesk.cli import SUBCOMMANDS
from codingdesk.jobs.models import PostingStatus


def test_it_publishes_a_posting_awaiting_review(submitted_posting, capsys, send_on_commit):
    with send_on_commit():
        call_command("jobs_approve", str(submitted_posting.pk))

    submitted_posting.refresh_from_db()
    assert submitted_posting.status == PostingStatus.PUBLISHED
    assert submitted_posting.reviewed_by is None
    assert f"Published {submitted_posting.pk}" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_it_explains_a_posting_not_awaiting_review(draft_posting):
    with pytest.raises(CommandError, match="is draft"):
        call_command("jobs_approve", str(draft_posting.pk))


def test_it_explains_an_unknown_id(db):
    with pytest.raises(CommandError, match="no job posting 999"):
        call_command("jobs_approve", "999")


def test_codingdesk_jobs_approve_runs_it():
    assert SUBCOMMANDS[("jobs", "approve")] == "jobs_approve"
