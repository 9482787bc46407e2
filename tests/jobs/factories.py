"""factory_boy factories for the job board. A posting is made in any status
with ``JobPostingFactory(status=PostingStatus.SUBMITTED)``; published and
expired postings get believable published_at and expires_at dates."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from codingdesk.accounts.models import Role
from codingdesk.jobs.models import (
    Credential,
    Employer,
    EmploymentType,
    ExperienceLevel,
    JobPosting,
    JobReport,
    LocationType,
    PayPeriod,
    PostingStatus,
    ReportReason,
    Specialty,
)
from tests.factories import UserFactory


class EmployerUserFactory(UserFactory):
    """A user with the employer role and a verified email address."""

    email = factory.Sequence(lambda n: f"hiring{n}@clinic.example.com")
    role = Role.EMPLOYER


class StaffUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"staff{n}@codingdesk.example.com")
    role = Role.STAFF
    is_staff = True


class EmployerFactory(factory.django.DjangoModelFactory):
    """A company profile; ``EmployerFactory(members=[user])`` adds its users."""

    class Meta:
        model = Employer
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Valley Clinic {n}")
    website = factory.Sequence(lambda n: f"https://valley{n}.example.com")
    description = "A multi-specialty clinic."

    @factory.post_generation
    def members(employer, create, extracted, **kwargs):
        if create and extracted:
            employer.members.add(*extracted)


def _published_at(posting) -> datetime.datetime | None:
    if posting.status in (PostingStatus.PUBLISHED, PostingStatus.EXPIRED, PostingStatus.CLOSED):
        return timezone.now() - datetime.timedelta(days=40 if posting.status == PostingStatus.EXPIRED else 1)
    return None


def _expires_at(posting) -> datetime.datetime | None:
    return posting.published_at + datetime.timedelta(days=30) if posting.published_at else None


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Remote E/M coder {n}")
    description = "Code **E/M** visits for a busy clinic."
    location_type = LocationType.REMOTE
    employment_type = EmploymentType.FULL_TIME
    credentials = factory.LazyFunction(lambda: [Credential.CPC])
    specialties = factory.LazyFunction(lambda: [Specialty.EM])
    experience_level = ExperienceLevel.MID
    pay_min = Decimal("25.00")
    pay_max = Decimal("32.00")
    pay_period = PayPeriod.HOUR
    status = PostingStatus.DRAFT
    submitted_at = factory.LazyAttribute(
        lambda posting: None if posting.status == PostingStatus.DRAFT else timezone.now() - datetime.timedelta(days=2)
    )
    published_at = factory.LazyAttribute(_published_at)
    expires_at = factory.LazyAttribute(_expires_at)


class JobReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobReport

    posting = factory.SubFactory(JobPostingFactory, status=PostingStatus.PUBLISHED)
    reporter = factory.SubFactory(UserFactory)
    reason = ReportReason.SCAM
    details = "They asked me to pay for training."
