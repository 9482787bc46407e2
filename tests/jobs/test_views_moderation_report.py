from django.urls import reverse

from codingdesk.jobs.models import JobReport


def url(posting):
    return reverse("jobs:posting_report", kwargs={"pk": posting.pk})


def test_a_member_reports_a_job(client, alice, published_posting):
    client.force_login(alice)

    response = client.post(url(published_posting), {"reason": "scam", "details": "Asked for a fee."})

    assert response["Location"] == reverse("jobs:detail", kwargs={"pk": published_posting.pk})
    report = JobReport.objects.get()
    assert (report.reporter, report.reason, report.details) == (alice, "scam", "Asked for a fee.")


def test_a_second_report_by_the_same_member_is_explained(client, alice, published_posting):
    client.force_login(alice)
    client.post(url(published_posting), {"reason": "scam"})

    response = client.post(url(published_posting), {"reason": "spam"})

    assert response.status_code == 400
    assert "already reported" in response.content.decode()
    assert JobReport.objects.count() == 1


def test_guests_are_asked_to_log_in(client, published_posting):
    response = client.post(url(published_posting), {"reason": "scam"})

    assert reverse("account_login") in response["Location"]
    assert not JobReport.objects.exists()


def test_only_published_jobs_can_be_reported(client, alice, draft_posting):
    client.force_login(alice)

    assert client.get(url(draft_posting)).status_code == 404
