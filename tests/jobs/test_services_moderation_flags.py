import datetime

import pytest
from django.utils import timezone

from codingdesk.jobs.models import Employer, PostingStatus, ReviewFlag
from codingdesk.jobs.services.moderation import job_posting_review_flags
from tests.jobs.factories import EmployerFactory, JobPostingFactory


@pytest.fixture
def established(employer):
    """An employer with a posting published before: not brand-new."""
    JobPostingFactory(employer=employer, status=PostingStatus.EXPIRED)
    return employer


@pytest.mark.parametrize(
    "text",
    [
        "There is a $150 training fee, refunded after 90 days.",
        "We ship your starter kit once you pay.",
        "Deposit the check we mail you and buy equipment from our vendor.",
        "Pay the onboarding fees by Zelle.",
        "Reimbursed via gift cards.",
    ],
)
def test_it_flags_a_request_for_money(established, text):
    posting = JobPostingFactory.build(employer=established, description=text)

    assert job_posting_review_flags(posting=posting) == [ReviewFlag.PAYMENT_REQUEST]


@pytest.mark.parametrize(
    "text",
    [
        "You must pay a fee before you start.",
        "A training fee required of all new coders.",
        "Purchase equipment from our approved vendor.",
        "Send a check for the background screening.",
        "Payment by wire only.",
        "Buy a gift card and email us the code.",
        "There is a $75 registration fee to apply.",
    ],
)
def test_it_flags_a_request_that_the_applicant_pay(established, text):
    posting = JobPostingFactory.build(employer=established, description=text)

    assert job_posting_review_flags(posting=posting) == [ReviewFlag.PAYMENT_REQUEST]


@pytest.mark.parametrize(
    "text",
    [
        "We reimburse AAPC membership and certification fees.",
        "Benefits: certification fee reimbursement, 401(k) match.",
        "Software cost covered by employer.",
        "We cover your CEU and training fees.",
        "The company pays the CPC exam fee.",
    ],
)
def test_it_does_not_flag_a_fee_the_employer_pays(established, text):
    posting = JobPostingFactory.build(employer=established, description=text)

    assert job_posting_review_flags(posting=posting) == []


def test_it_does_not_flag_an_ordinary_posting(established):
    posting = JobPostingFactory.build(
        employer=established,
        description="We pay for your AAPC membership and CEUs. Paid training for the first two weeks.",
    )

    assert job_posting_review_flags(posting=posting) == []


@pytest.mark.parametrize(
    "apply_url, flagged",
    [
        ("https://valleyclinic.example.com/careers/123", False),
        ("https://careers.valleyclinic.example.com/apply", False),
        ("https://www.valleyclinic.example.com/apply", False),
        ("https://valleyclinic-jobs.example.net/apply", True),
        ("https://forms.gle/abc", True),
    ],
)
def test_it_flags_an_apply_url_off_the_employers_domain(established, apply_url, flagged):
    posting = JobPostingFactory.build(employer=established, apply_url=apply_url)

    assert (ReviewFlag.APPLY_DOMAIN_MISMATCH in job_posting_review_flags(posting=posting)) is flagged


def test_an_external_apply_url_is_flagged_when_the_employer_has_no_website(established):
    established.website = ""
    posting = JobPostingFactory.build(employer=established, apply_url="https://apply.example.com/")

    assert job_posting_review_flags(posting=posting) == [ReviewFlag.APPLY_DOMAIN_MISMATCH]


def test_it_flags_a_brand_new_employer(db):
    employer = EmployerFactory()

    posting = JobPostingFactory.build(employer=employer)

    assert job_posting_review_flags(posting=posting) == [ReviewFlag.NEW_EMPLOYER]


def test_an_old_employer_without_postings_is_not_brand_new(db):
    employer = EmployerFactory()
    Employer.objects.filter(pk=employer.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    employer.refresh_from_db()

    assert job_posting_review_flags(posting=JobPostingFactory.build(employer=employer)) == []


def test_staffs_trust_outweighs_newness(db):
    employer = EmployerFactory(is_trusted=True)

    assert job_posting_review_flags(posting=JobPostingFactory.build(employer=employer)) == []
