"""Company profiles. Saving one makes its user an employer: only a member
whose email address is verified may, and only their own company's profile."""

from __future__ import annotations

import io
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from codingdesk.accounts.models import Role, User

from ..models import Employer

LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
# A small file can declare a huge image (a PNG of one colour compresses
# to almost nothing); decoding it would take gigabytes. Checked before load().
LOGO_MAX_SOURCE_PIXELS = 25_000_000


def employer_of_user(*, user: User) -> Employer | None:
    """The company whose postings ``user`` manages, if any."""
    if not user.is_authenticated:
        return None
    return user.employers.order_by("pk").first()


def access_employer(*, user: User) -> Employer:
    """The user's company; PermissionDenied for anyone who is not an employer
    with a profile and a verified email address."""
    employer = employer_of_user(user=user)
    if employer is None or user.role != Role.EMPLOYER or not _email_verified(user):
        raise PermissionDenied("Only employers with a verified email address and a company profile can do this.")
    return employer


def employer_profile_save(
    *, user: User, name: str, website: str = "", description: str = "", logo: UploadedFile | None = None
) -> Employer:
    """Create the user's company profile, or update it. Creating one gives the
    user the employer role; staff keep their role."""
    if not _email_verified(user):
        raise ValidationError("Verify your email address before setting up a company profile.")
    with transaction.atomic():
        employer = employer_of_user(user=user) or Employer()
        employer.name = name.strip()
        employer.website = website.strip()
        employer.description = description.strip()
        employer.full_clean(exclude=["logo"])
        if logo is not None:
            _logo_replace(employer, logo)
        employer.save()
        employer.members.add(user)
        if user.role == Role.MEMBER:
            user.role = Role.EMPLOYER
            user.save(update_fields=["role"])
    return employer


def employer_logo_resize(upload: UploadedFile) -> ContentFile:
    """The upload as a PNG no larger than JOBS_LOGO_MAX_PIXELS square. Pillow
    decides what the file is (its name and declared type are the sender's
    word); anything it cannot open as one of LOGO_FORMATS is refused."""
    if upload.size > settings.JOBS_LOGO_MAX_BYTES:
        raise ValidationError(f"The logo must be under {settings.JOBS_LOGO_MAX_BYTES // (1024 * 1024)} MB.")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in LOGO_FORMATS:
                raise ValidationError("The logo must be a PNG, JPEG, GIF or WebP image.")
            if image.width * image.height > LOGO_MAX_SOURCE_PIXELS:
                raise ValidationError("The logo is too large; upload one under 5000 × 5000 pixels.")
            image.load()
            # Re-encoding drops whatever else the file carried (metadata, trailing data).
            image = image.convert("RGBA")
            image.thumbnail((settings.JOBS_LOGO_MAX_PIXELS, settings.JOBS_LOGO_MAX_PIXELS))
            output = io.BytesIO()
            image.save(output, format="PNG")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError("The logo must be a PNG, JPEG, GIF or WebP image.") from None
    return ContentFile(output.getvalue())


def _logo_replace(employer: Employer, upload: UploadedFile) -> None:
    """Store the new logo and delete the old file once the change commits."""
    resized = employer_logo_resize(upload)
    old_name = employer.logo.name
    employer.logo.save(_logo_name(upload), resized, save=False)
    if old_name:
        storage = employer.logo.storage
        transaction.on_commit(lambda: storage.delete(old_name))


def _logo_name(upload: UploadedFile) -> str:
    stem = Path(upload.name or "logo").stem[:40] or "logo"
    return f"{stem}.png"


def _email_verified(user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
