"""job_search: published, unexpired postings, filtered and sorted."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from codingdesk.jobs.models import PostingStatus
from codingdesk.jobs.selectors import job_posting_review_queue, job_search


@pytest.fixture
def published(make_posting):
    return lambda **fields: make_posting(PostingStatus.PUBLISHED, **fields)


def ids(postings) -> list[int]:
    return [posting.pk for posting in postings]


def test_it_lists_only_published_unexpired_postings(published, make_posting):
    live = published()
    published(expires_at=timezone.now() - datetime.timedelta(minutes=1))  # the task has not run yet
    for status in (PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.EXPIRED, PostingStatus.CLOSED):
        make_posting(status)

    assert ids(job_search()) == [live.pk]


def test_newest_first(published):
    older = published(published_at=timezone.now() - datetime.timedelta(days=3))
    newer = published(published_at=timezone.now() - datetime.timedelta(hours=1))

    assert ids(job_search()) == [newer.pk, older.pk]


def test_every_keyword_must_match_title_description_or_employer(published):
    both = published(title="Inpatient DRG coder", description="Audit charts")
    published(title="Inpatient DRG coder", description="Code charts")

    assert ids(job_search(q="drg audit")) == [both.pk]
    assert ids(job_search(q="valley clinic audit")) == [both.pk]


def test_relevance_puts_title_matches_before_description_matches(published):
    in_description = published(title="Coder", description="Some surgery coding", published_at=timezone.now())
    in_title = published(
        title="Surgery coder", description="Coding", published_at=timezone.now() - datetime.timedelta(days=5)
    )

    assert ids(job_search(q="surgery", sort="relevance")) == [in_title.pk, in_description.pk]
    assert ids(job_search(q="surgery", sort="newest")) == [in_description.pk, in_title.pk]


def test_remote_filter(published):
    remote = published(location_type="remote")
    onsite = published(location_type="onsite", city="Austin", state="TX")
    hybrid = published(location_type="hybrid", city="Tulsa", state="OK")

    assert ids(job_search(remote=True)) == [remote.pk]
    assert set(ids(job_search(remote=False))) == {onsite.pk, hybrid.pk}


def test_state_keeps_jobs_one_can_do_from_there(published):
    anywhere = published(location_type="remote", remote_states=[])
    texas_remote = published(location_type="remote", remote_states=["TX", "OK"])
    published(location_type="remote", remote_states=["CA"])
    texas_onsite = published(location_type="onsite", city="Austin", state="TX")
    published(location_type="onsite", city="Boise", state="ID")

    assert set(ids(job_search(state="TX"))) == {anywhere.pk, texas_remote.pk, texas_onsite.pk}


def test_credential_matches_required_or_preferred(published):
    required = published(credentials=["CCS"])
    preferred = published(credentials=["CPC"], preferred_credentials=["CCS"])
    published(credentials=["CPC"])

    assert set(ids(job_search(credential="CCS"))) == {required.pk, preferred.pk}


def test_specialty_and_employment_type(published):
    wanted = published(specialties=["risk_adjustment", "auditing"], employment_type="contract")
    published(specialties=["risk_adjustment"], employment_type="full_time")
    published(specialties=["em"], employment_type="contract")

    assert ids(job_search(specialty="auditing", employment_type="contract")) == [wanted.pk]


def test_minimum_pay_compares_hourly_and_yearly_pay(published):
    hourly = published(pay_min=Decimal("28"), pay_max=Decimal("35"), pay_period="hour")  # up to 72,800 a year
    yearly = published(pay_min=Decimal("50000"), pay_max=Decimal("60000"), pay_period="year")

    assert set(ids(job_search(pay_min=28))) == {hourly.pk, yearly.pk}  # 28/h is 58,240 a year
    assert ids(job_search(pay_min=30)) == [hourly.pk]  # 62,400 a year
    assert ids(job_search(pay_min=Decimal("70000"))) == [hourly.pk]
    assert ids(job_search(pay_min=80000)) == []


def test_apprentices_welcome(published):
    welcome = published(apprentices_welcome=True)
    published(apprentices_welcome=False)

    assert ids(job_search(apprentices=True)) == [welcome.pk]


def test_a_cpc_a_search_also_finds_postings_that_welcome_apprentices(published):
    listed = published(credentials=[], preferred_credentials=["CPC-A"])
    welcome = published(credentials=["CPC"], apprentices_welcome=True)
    published(credentials=["CPC"], apprentices_welcome=False)

    assert set(ids(job_search(credential="CPC-A"))) == {listed.pk, welcome.pk}


def test_posted_within_days(published):
    recent = published(published_at=timezone.now() - datetime.timedelta(days=2))
    published(published_at=timezone.now() - datetime.timedelta(days=10))

    assert ids(job_search(posted_within_days=7)) == [recent.pk]


@pytest.mark.parametrize(
    "arguments", [{"state": "XX"}, {"credential": "MD"}, {"specialty": "magic"}, {"sort": "random"}]
)
def test_unknown_choices_are_refused(db, arguments):
    with pytest.raises(ValidationError):
        job_search(**arguments)


def test_the_review_queue_lists_submitted_postings_oldest_first(make_posting):
    newer = make_posting(PostingStatus.SUBMITTED, submitted_at=timezone.now() - datetime.timedelta(hours=1))
    older = make_posting(PostingStatus.SUBMITTED, submitted_at=timezone.now() - datetime.timedelta(days=1))
    make_posting(PostingStatus.DRAFT)

    assert ids(job_posting_review_queue()) == [older.pk, newer.pk]
