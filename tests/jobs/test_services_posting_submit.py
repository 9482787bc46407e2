import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from codingdesk.jobs.models import PostingStatus, ReviewFlag
from codingdesk.jobs.services.postings import job_posting_submit
from tests.jobs.factories import EmployerUserFactory


@pytest.fixture
def trusted(employer):
    employer.is_trusted = True
    employer.save()
    return employer


def test_it_queues_a_draft_for_review(employer_user, draft_posting):
    posting = job_posting_submit(posting=draft_posting, user=employer_user)

    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED
    assert posting.submitted_at is not None


def test_it_publishes_a_trusted_employers_posting(employer_user, trusted, draft_posting):
    posting = job_posting_submit(posting=draft_posting, user=employer_user)

    assert posting.status == PostingStatus.PUBLISHED
    assert posting.review_flags == []


def test_a_flag_holds_even_a_trusted_employers_posting(employer_user, trusted, make_posting):
    draft = make_posting(description="A $99 starter kit is required before your first day.")

    posting = job_posting_submit(posting=draft, user=employer_user)

    assert posting.status == PostingStatus.SUBMITTED
    assert posting.review_flags == [ReviewFlag.PAYMENT_REQUEST]


def test_it_clears_staffs_earlier_note(employer_user, make_posting):
    draft = make_posting(review_note="Add the pay range.")

    posting = job_posting_submit(posting=draft, user=employer_user)

    assert posting.review_note == ""


def test_only_a_draft_can_be_submitted(employer_user, published_posting):
    with pytest.raises(ValidationError):
        job_posting_submit(posting=published_posting, user=employer_user)


def test_another_employer_cannot_submit_it(other_employer_user, other_employer, draft_posting):
    with pytest.raises(PermissionDenied):
        job_posting_submit(posting=draft_posting, user=other_employer_user)

    draft_posting.refresh_from_db()
    assert draft_posting.status == PostingStatus.DRAFT


def test_a_colleague_at_the_same_company_can_submit_it(employer, draft_posting):
    colleague = EmployerUserFactory()
    employer.members.add(colleague)

    posting = job_posting_submit(posting=draft_posting, user=colleague)

    assert posting.status == PostingStatus.SUBMITTED
