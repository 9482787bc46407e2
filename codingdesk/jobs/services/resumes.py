"""Deleting résumé files no application refers to any more (the application
or its posting was deleted). Rows are deleted by cascades and the admin, which
never touch files, so a daily sweep keeps the private folder to what is owed."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings

from ..models import Application

# A file written in the last hour may belong to an application whose row has
# not committed yet (the file is saved first).
GRACE_SECONDS = 3600


def resumes_orphaned_delete() -> int:
    """Returns how many files were deleted."""
    folder = Path(settings.JOBS_RESUME_DIR)
    if not folder.is_dir():
        return 0
    referenced = set(Application.objects.values_list("resume", flat=True))
    cutoff = time.time() - GRACE_SECONDS
    deleted = 0
    for path in folder.iterdir():
        if path.is_file() and path.name not in referenced and path.stat().st_mtime < cutoff:
            path.unlink()
            deleted += 1
    return deleted
