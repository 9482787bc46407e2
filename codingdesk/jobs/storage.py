"""Where résumés are kept: a folder of their own (settings.JOBS_RESUME_DIR),
outside MEDIA_ROOT so that no web server rule can ever serve one. They are
only read back through the résumé download view, which checks who asks."""

import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class ResumeStorage(FileSystemStorage):
    """FileSystemStorage rooted at JOBS_RESUME_DIR, read at each use (not at
    import) so that tests and deployments can point it elsewhere."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.JOBS_RESUME_DIR)

    @property
    def location(self):
        return str(self.base_location)

    def url(self, name):
        raise ValueError("Résumés have no public URL; use the résumé download view.")


def resume_upload_to(instance, filename: str) -> str:
    """A random name, keeping only the extension of the checked type, so the
    applicant's file name (often their full name) is not in the path and
    names cannot be guessed."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"{secrets.token_urlsafe(24)}.{extension}"
