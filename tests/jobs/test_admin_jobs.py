from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from codingdesk.jobs.models import PostingStatus
from tests.factories import UserFactory
from tests.jobs.factories import JobReportFactory


def superuser():
    return UserFactory(is_staff=True, is_superuser=True, role="staff")


def test_the_approve_action_publishes_submitted_postings(client, submitted_posting, draft_posting):
    client.force_login(superuser())

    client.post(
        reverse("admin:jobs_jobposting_changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [submitted_posting.pk, draft_posting.pk]},
    )

    submitted_posting.refresh_from_db()
    draft_posting.refresh_from_db()
    assert submitted_posting.status == PostingStatus.PUBLISHED
    assert draft_posting.status == PostingStatus.DRAFT


def test_the_resolve_action_closes_reports(client, published_posting):
    report = JobReportFactory(posting=published_posting)
    staff = superuser()
    client.force_login(staff)

    client.post(reverse("admin:jobs_jobreport_changelist"), {"action": "resolve", ACTION_CHECKBOX_NAME: [report.pk]})

    report.refresh_from_db()
    assert report.resolved_by == staff


def test_the_admin_pages_open(client, published_posting, employer):
    JobReportFactory(posting=published_posting)
    client.force_login(superuser())

    for url in [
        reverse("admin:jobs_employer_changelist"),
        reverse("admin:jobs_employer_change", args=[employer.pk]),
        reverse("admin:jobs_jobposting_changelist"),
        reverse("admin:jobs_jobposting_change", args=[published_posting.pk]),
        reverse("admin:jobs_jobreport_changelist"),
    ]:
        assert client.get(url).status_code == 200, url
