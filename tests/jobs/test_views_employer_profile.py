import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from codingdesk.accounts.models import Role
from codingdesk.jobs.models import Employer

URL = reverse("jobs:employer_profile")


def png(size=(800, 800)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_guests_are_sent_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_member_sets_up_a_company_and_becomes_an_employer(client, alice):
    client.force_login(alice)

    response = client.post(
        URL, {"name": "Valley Clinic", "website": "valley.example.com", "description": "We code.", "logo": png()}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:employer_dashboard")
    employer = Employer.objects.get(members=alice)
    assert employer.website == "https://valley.example.com"
    assert employer.logo.name.endswith(".png")
    alice.refresh_from_db()
    assert alice.role == Role.EMPLOYER


def test_a_text_file_named_like_an_image_is_refused(client, alice):
    client.force_login(alice)
    fake = SimpleUploadedFile("logo.jpg", b"GIF89a<script>alert(1)</script>", content_type="image/jpeg")

    response = client.post(URL, {"name": "Valley Clinic", "logo": fake})

    assert response.status_code == 400
    assert "must be a PNG, JPEG, GIF or WebP image" in response.content.decode()
    assert not Employer.objects.exists()


def test_the_form_shows_the_current_profile(client, employer_user, employer):
    client.force_login(employer_user)

    response = client.get(URL)

    assert 'value="Valley Clinic"' in response.content.decode()


@pytest.mark.parametrize("field", ["name"])
def test_a_missing_name_is_explained(client, alice, field):
    client.force_login(alice)

    response = client.post(URL, {"website": "https://valley.example.com"})

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_the_logo_is_served_to_anyone_as_a_png(client, alice):
    client.force_login(alice)
    client.post(URL, {"name": "Valley Clinic", "logo": png()})
    employer = Employer.objects.get()
    client.logout()

    response = client.get(reverse("jobs:employer_logo", kwargs={"employer_id": employer.pk}))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_an_employer_without_a_logo_has_none(client, employer):
    assert client.get(reverse("jobs:employer_logo", kwargs={"employer_id": employer.pk})).status_code == 404
