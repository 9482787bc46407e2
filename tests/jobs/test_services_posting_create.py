from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from codingdesk.jobs.models import PostingStatus, ReviewFlag
from codingdesk.jobs.services.postings import job_posting_create
from tests.factories import UserFactory
from tests.jobs.factories import JobPostingFactory


def test_it_creates_a_draft_for_the_employers_company(employer_user, employer, posting_fields):
    posting = job_posting_create(user=employer_user, fields=posting_fields)

    assert posting.status == PostingStatus.DRAFT
    assert posting.employer == employer
    assert posting.created_by == employer_user
    assert posting.remote_states == ["TX", "OK"]
    assert posting.published_at is None


def test_submitting_at_once_holds_a_new_employers_posting_for_review(employer_user, employer, posting_fields):
    posting = job_posting_create(user=employer_user, fields=posting_fields, submit=True)

    assert posting.status == PostingStatus.SUBMITTED
    assert ReviewFlag.NEW_EMPLOYER in posting.review_flags


def test_a_trusted_employers_clean_posting_is_published_at_once(employer_user, employer, posting_fields, settings):
    employer.is_trusted = True
    employer.save()

    posting = job_posting_create(user=employer_user, fields=posting_fields, submit=True)

    assert posting.status == PostingStatus.PUBLISHED
    assert (posting.expires_at - posting.published_at).days == settings.JOBS_POSTING_DAYS


def test_a_member_without_a_company_profile_cannot_post(alice, posting_fields):
    with pytest.raises(PermissionDenied):
        job_posting_create(user=alice, fields=posting_fields)


def test_an_employer_with_an_unverified_email_cannot_post(employer, posting_fields):
    unverified = UserFactory(role="employer", verified=False)
    employer.members.add(unverified)

    with pytest.raises(PermissionDenied):
        job_posting_create(user=unverified, fields=posting_fields)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"location_type": "onsite", "remote_states": []}, "city"),
        ({"location_type": "hybrid", "city": "Austin", "remote_states": []}, "state"),
        ({"remote_states": ["TX", "ZZ"]}, "remote_states"),
        ({"credentials": ["CPC", "WIZARD"]}, "credentials"),
        ({"specialties": ["dentistry"]}, "specialties"),
        ({"pay_min": Decimal("40"), "pay_max": Decimal("30")}, "pay_max"),
        ({"pay_min": Decimal("0")}, "pay_min"),
        ({"pay_min": Decimal("52000"), "pay_max": Decimal("60000")}, "pay_period"),
        ({"pay_period": "year"}, "pay_period"),
    ],
)
def test_it_refuses_an_invalid_posting(employer_user, employer, posting_fields, changes, field):
    with pytest.raises(ValidationError) as caught:
        job_posting_create(user=employer_user, fields={**posting_fields, **changes})

    assert field in caught.value.message_dict


def test_pay_is_required(employer_user, employer, posting_fields):
    del posting_fields["pay_min"]

    with pytest.raises(ValidationError) as caught:
        job_posting_create(user=employer_user, fields=posting_fields)

    assert "pay_min" in caught.value.message_dict


def test_it_refuses_fields_an_employer_does_not_set(employer_user, employer, posting_fields):
    with pytest.raises(ValidationError, match="status"):
        job_posting_create(user=employer_user, fields={**posting_fields, "status": "published"})


def test_it_limits_new_postings_per_day(employer_user, employer, posting_fields, settings):
    settings.JOBS_POSTS_PER_DAY = 2
    JobPostingFactory.create_batch(2, employer=employer)

    with pytest.raises(ValidationError, match="24 hours"):
        job_posting_create(user=employer_user, fields=posting_fields)


def test_it_refuses_cpc_a_as_required_while_apprentices_are_not_welcome(employer_user, employer, posting_fields):
    posting_fields.update(credentials=["CPC-A"], apprentices_welcome=False)

    with pytest.raises(ValidationError) as refused:
        job_posting_create(user=employer_user, fields=posting_fields)

    assert "apprentices_welcome" in refused.value.message_dict


def test_it_accepts_cpc_a_as_required_when_apprentices_are_welcome(employer_user, employer, posting_fields):
    posting_fields.update(credentials=["CPC-A"], apprentices_welcome=True)

    posting = job_posting_create(user=employer_user, fields=posting_fields)

    assert posting.credentials == ["CPC-A"]
