"""The employer's applicants page, status changes and résumé downloads, and
who may reach them."""

from pathlib import Path

import pytest
from django.core import mail

from codingdesk.jobs.models import ApplicationStatus
from tests.jobs.conftest import MINIMAL_PDF


def applicants_url(application) -> str:
    return f"/jobs/employer/postings/{application.posting.pk}/applicants/"


def resume_url(application) -> str:
    return f"/jobs/applications/{application.pk}/resume/"


def test_the_employer_lists_applicants(client, employer_user, application):
    client.force_login(employer_user)

    response = client.get(applicants_url(application))

    assert response.status_code == 200
    assert "alice@example.com" in response.text
    assert "Hi!" in response.text
    assert resume_url(application) in response.text


def test_the_employer_moves_an_application_and_the_applicant_sees_it(
    client, employer_user, application, alice, send_on_commit
):
    client.force_login(employer_user)
    with send_on_commit():
        response = client.post(f"/jobs/employer/applications/{application.pk}/status/", {"status": "interviewing"})

    assert response.status_code == 302
    assert response["Location"] == applicants_url(application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEWING
    assert mail.outbox[0].to == ["alice@example.com"]
    client.force_login(alice)
    assert "Interviewing" in client.get("/jobs/applications/").text


@pytest.mark.parametrize("who", ["employer_user", "alice"])
def test_the_employer_and_the_applicant_download_the_resume(client, application, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(resume_url(application))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="Alice Smith resume.pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == MINIMAL_PDF


@pytest.mark.parametrize("who", ["other_employer_user", "bob", "staff_user"])
def test_nobody_else_gets_the_resume(client, application, other_employer, who, request):
    client.force_login(request.getfixturevalue(who))

    assert client.get(resume_url(application)).status_code == 404


def test_a_visitor_must_log_in_for_a_resume(client, application):
    response = client.get(resume_url(application))

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_another_employer_cannot_see_applicants_or_change_a_status(
    client, application, other_employer_user, other_employer
):
    client.force_login(other_employer_user)

    assert client.get(applicants_url(application)).status_code == 404
    response = client.post(f"/jobs/employer/applications/{application.pk}/status/", {"status": "hired"})

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW


def test_a_seeker_cannot_change_their_own_status(client, application, alice):
    client.force_login(alice)

    response = client.post(f"/jobs/employer/applications/{application.pk}/status/", {"status": "hired"})

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW


def test_a_status_change_needs_post(client, application, employer_user):
    client.force_login(employer_user)

    assert client.get(f"/jobs/employer/applications/{application.pk}/status/").status_code == 405


def test_resumes_are_not_under_the_public_media_path(application, settings):
    assert not Path(application.resume.path).is_relative_to(Path(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        application.resume.storage.url(application.resume.name)


def test_a_refused_status_change_shows_why_on_the_page(client, employer_user, application):
    application.status = ApplicationStatus.HIRED
    application.save()
    client.force_login(employer_user)

    response = client.post(
        f"/jobs/employer/applications/{application.pk}/status/", {"status": "new"}, follow=True
    )

    assert response.status_code == 200
    assert "a hire is final" in response.text
    application.refresh_from_db()
    assert application.status == ApplicationStatus.HIRED


def test_the_status_menu_offers_only_the_changes_allowed(client, employer_user, application):
    from codingdesk.jobs.models import Application, ApplicationStatus

    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.INTERVIEWING)
    client.force_login(employer_user)
    page = client.get(f"/jobs/employer/postings/{application.posting_id}/applicants/").content.decode()
    menu = page[page.index(f'id="status-{application.pk}"') : page.index("</select>")]
    assert 'value="interviewing" selected' in menu
    assert 'value="hired"' in menu and 'value="rejected"' in menu
    assert 'value="new"' not in menu and 'value="reviewing"' not in menu
