import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from codingdesk.accounts.models import Role
from codingdesk.jobs.services.employers import employer_profile_save
from tests.factories import UserFactory


def image_upload(name="logo.png", size=(1200, 600), image_format="PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_a_verified_member_becomes_an_employer(alice):
    employer = employer_profile_save(user=alice, name=" Valley Clinic ", website="https://valley.example.com")

    alice.refresh_from_db()
    assert alice.role == Role.EMPLOYER
    assert employer.name == "Valley Clinic"
    assert list(employer.members.all()) == [alice]


def test_saving_again_updates_the_same_profile(employer_user, employer):
    saved = employer_profile_save(user=employer_user, name="Valley Clinic Group", description="Now bigger.")

    assert saved.pk == employer.pk
    assert saved.description == "Now bigger."


def test_an_unverified_member_cannot_set_up_a_company(db):
    unverified = UserFactory(verified=False)

    with pytest.raises(ValidationError, match="Verify"):
        employer_profile_save(user=unverified, name="Shady LLC")

    unverified.refresh_from_db()
    assert unverified.role == Role.MEMBER


def test_the_logo_is_resized_and_stored_as_png(alice, settings):
    employer = employer_profile_save(user=alice, name="Valley", logo=image_upload(image_format="JPEG"))

    with Image.open(employer.logo.path) as stored:
        assert stored.format == "PNG"
        assert max(stored.size) == settings.JOBS_LOGO_MAX_PIXELS
    assert employer.logo.name.startswith("jobs/logos/")
    assert str(settings.MEDIA_ROOT) in employer.logo.path


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(alice):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>", content_type="image/png")

    with pytest.raises(ValidationError, match="must be a PNG"):
        employer_profile_save(user=alice, name="Valley", logo=fake)


def test_an_oversized_logo_is_refused(alice, settings):
    settings.JOBS_LOGO_MAX_BYTES = 100

    with pytest.raises(ValidationError, match="under"):
        employer_profile_save(user=alice, name="Valley", logo=image_upload())


def test_a_new_logo_replaces_the_old_file(alice, django_capture_on_commit_callbacks):
    first = employer_profile_save(user=alice, name="Valley", logo=image_upload())
    old_path = first.logo.path

    with django_capture_on_commit_callbacks(execute=True):
        second = employer_profile_save(user=alice, name="Valley", logo=image_upload(size=(50, 50)))

    assert second.logo.path != old_path
    assert not os.path.exists(old_path)


def test_company_text_is_shown_sanitized(alice):
    employer = employer_profile_save(
        user=alice, name="Valley Clinic", description='We **code**. <script>alert(1)</script><b onclick="x()">hi</b>'
    )

    html = employer.description_html
    assert "<strong>code</strong>" in html
    assert "<script" not in html and "<b " not in html


def test_a_small_file_declaring_a_huge_image_is_refused_before_decoding(alice):
    # A 6000 x 6000 image of one colour is a few kilobytes of PNG.
    upload = image_upload(size=(6000, 6000))
    assert upload.size < 200_000

    with pytest.raises(ValidationError, match="too large"):
        employer_profile_save(user=alice, name="Valley Clinic", logo=upload)
