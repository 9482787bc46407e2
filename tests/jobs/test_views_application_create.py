"""/jobs/<id>/apply/ and /jobs/applications/: applying and tracking."""

import socket

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from codingdesk.jobs.models import Application, PostingStatus
from tests.tasks import run_tasks


def test_applying_needs_a_login(client, published_posting):
    response = client.get(f"/jobs/{published_posting.pk}/apply/")

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_a_seeker_applies_and_sees_it_in_my_applications(client, alice, published_posting, pdf_resume):
    client.force_login(alice)
    assert client.get(f"/jobs/{published_posting.pk}/apply/").status_code == 200

    response = client.post(
        f"/jobs/{published_posting.pk}/apply/", {"resume": pdf_resume, "cover_note": "Hire me"}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/jobs/applications/"
    assert "Your application to Valley Clinic was sent." in response.text
    assert published_posting.title in response.text
    assert "New" in response.text
    application = Application.objects.get()
    assert application.applicant == alice and application.cover_note == "Hire me"


def test_a_file_disguised_as_pdf_gets_a_clear_error(client, alice, published_posting):
    client.force_login(alice)
    fake = SimpleUploadedFile("resume.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")

    response = client.post(f"/jobs/{published_posting.pk}/apply/", {"resume": fake})

    assert response.status_code == 400
    assert response.context["form"].errors["resume"] == [
        "“resume.pdf” is not a PDF or Word (.docx) document, whatever its name says. "
        "Save your résumé as PDF or DOCX and upload it again."
    ]
    assert "is not a PDF or Word (.docx) document" in response.text
    assert not Application.objects.exists()


def test_a_second_visit_after_applying_goes_to_my_applications(client, alice, application):
    client.force_login(alice)

    response = client.get(f"/jobs/{application.posting.pk}/apply/")

    assert response.status_code == 302
    assert response["Location"] == "/jobs/applications/"


def test_closed_and_external_postings_have_no_apply_page(client, alice, make_posting):
    client.force_login(alice)
    closed = make_posting(PostingStatus.CLOSED)
    external = make_posting(PostingStatus.PUBLISHED, apply_url="https://valleyclinic.example.com/jobs")

    assert client.get(f"/jobs/{closed.pk}/apply/").status_code == 404
    assert client.get(f"/jobs/{external.pk}/apply/").status_code == 404


def test_applying_needs_the_csrf_token(alice, published_posting, pdf_resume):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(f"/jobs/{published_posting.pk}/apply/", {"resume": pdf_resume})

    assert response.status_code == 403
    assert not Application.objects.exists()


def test_my_applications_shows_only_mine(client, bob, application):
    client.force_login(bob)

    response = client.get("/jobs/applications/")

    assert application.posting.title not in response.text
    assert "not applied to any jobs" in response.text


def closed_port() -> int:
    """A loopback port nothing listens on: SMTP there is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_applying_with_the_mail_server_down_saves_the_application(client, alice, published_posting, pdf_resume, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    client.force_login(alice)

    response = client.post(f"/jobs/{published_posting.pk}/apply/", {"resume": pdf_resume})
    run_tasks()

    assert response.status_code == 302
    assert Application.objects.filter(applicant=alice, posting=published_posting).exists()
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.task_path == "codingdesk.jobs.tasks.application_new_email_send_task"
    assert retry.run_after > timezone.now()


@pytest.mark.django_db(transaction=True)
def test_the_new_application_email_is_sent_by_the_worker_not_the_request(
    client, alice, published_posting, pdf_resume
):
    client.force_login(alice)

    client.post(f"/jobs/{published_posting.pk}/apply/", {"resume": pdf_resume})
    assert mail.outbox == []
    run_tasks()

    [email] = mail.outbox
    assert email.to == ["dana@valleyclinic.example.com"]
