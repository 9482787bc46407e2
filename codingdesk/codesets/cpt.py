"""CPT is the AMA's: its descriptors are licensed content, shown only where a
site sets CPT_LICENSED=true and has imported its own licensed CPT data file
(``codingdesk import cpt <folder-or-csv>``). Every page or answer that shows
them carries the AMA notice below. On any other site a CPT code keeps what is
public (its number, and the CMS edits, MUE and RVUs about it) and says that
the descriptor needs a licence.

The descriptors stay in the database either way (Code.long_title,
Code.short_title and Code.details["medium_descriptor"] of system "cpt"), so
withholding is done where they are read for display: the code-set pages and
API call ``code_descriptors_withhold`` and the search package checks
``cpt_licensed`` before it indexes or returns CPT text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings

from codingdesk.edits.selectors import code_in_edit_files
from codingdesk.fees.selectors import code_in_rvu_file

from .importers.cpt import MEDIUM_DESCRIPTOR
from .models import Code, CodeSystem, Release

# The AMA's standard notice for licensees' end users. CPT <year> is published,
# and copyrighted, the autumn before it takes effect: CPT 2026 is "copyright 2025".
CPT_NOTICE = (
    "CPT copyright {year} American Medical Association. All rights reserved. "
    "CPT® is a registered trademark of the American Medical Association."
)
CPT_GOVERNMENT_NOTICE = "Applicable FARS/DFARS restrictions apply to government use."
CPT_FEE_NOTICE = (
    "Fee schedules, relative value units, conversion factors and/or related components are not assigned by the "
    "AMA, are not part of CPT, and the AMA is not recommending their use. The AMA does not directly or indirectly "
    "practice medicine or dispense medical services. The AMA assumes no liability for data contained or not "
    "contained herein."
)
CPT_LICENCE_NOTE = "The CPT descriptor requires a CPT licence, which this site does not hold."


def cpt_licensed() -> bool:
    """Whether CPT descriptors may be shown: the site holds a licence and has imported a CPT file."""
    if not settings.CPT_LICENSED:
        return False
    return Release.objects.filter(system=CodeSystem.CPT).exists()


def cpt_notice(*, release: Release | None = None) -> list[str]:
    """The AMA notice, one paragraph a line, dated from ``release`` (else the newest CPT release)."""
    release = release or Release.objects.filter(system=CodeSystem.CPT).order_by("-effective_from").first()
    year = release.effective_from.year - 1 if release else None
    first = CPT_NOTICE.format(year=year) if year else CPT_NOTICE.replace(" {year}", "")
    return [first, CPT_GOVERNMENT_NOTICE, CPT_FEE_NOTICE]


def code_descriptors_withhold(codes: Iterable[Code | None]) -> list[Code | None]:
    """Blank the descriptors of the CPT codes among ``codes`` unless the site
    may show them. Returns the codes as a list, so a queryset is read once."""
    codes = list(codes)
    if any(code is not None and code.system == CodeSystem.CPT for code in codes) and not cpt_licensed():
        cpt_descriptors_blank(codes)
    return codes


def cpt_descriptors_blank(codes: Iterable[Code | None]) -> None:
    """Blank the descriptors of the CPT codes among ``codes``, in memory only:
    callers display these rows and never save them."""
    for code in codes:
        if code is not None and code.system == CodeSystem.CPT:
            code.long_title = code.short_title = ""
            code.details = {name: value for name, value in code.details.items() if name != MEDIUM_DESCRIPTOR}


def cpt_public_code_exists(code: str, *, date_of_service: datetime.date) -> bool:
    """Whether a CPT code number appears in the public CMS files in force on
    the date (the RVU file, an MUE file or the NCCI PTP edits), so that it has
    a code page, without a descriptor, even where no CPT file is imported."""
    return code_in_rvu_file(code=code, on=date_of_service) or code_in_edit_files(code=code, on=date_of_service)
