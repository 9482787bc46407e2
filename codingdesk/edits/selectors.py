"""Reads for NCCI edits: the release in force on a date of service, the PTP
edits between a claim's codes, and a code's MUE."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .models import EditDataset, EditRelease, ModifierIndicator, MueLimit, PtpEdit

# Where each dataset comes from, for the message when none is loaded.
SOURCE_FILES = {
    EditDataset.PTP_PRACTITIONER: "the practitioner PTP files ccipra-v<version>r<revision>-f<part>.txt",
    EditDataset.PTP_HOSPITAL: "the outpatient hospital PTP files ccioph-v<version>r<revision>-f<part>.txt",
    EditDataset.MUE_PRACTITIONER: "the file MCR_MUE_PractitionerServices_Eff_<MM-DD-YYYY>.csv",
    EditDataset.MUE_HOSPITAL: "the file MCR_MUE_OutpatientHospitalServices_Eff_<MM-DD-YYYY>.csv",
    EditDataset.MUE_DME: "the file MCR_MUE_DMESupplierServices_Eff_<MM-DD-YYYY>.csv",
}


class EditReleaseNotLoaded(Exception):
    """No release of ``dataset`` covers ``date_of_service``."""

    def __init__(self, *, dataset: str, date_of_service: datetime.date):
        self.dataset = dataset
        self.date_of_service = date_of_service
        super().__init__(
            f"No {EditDataset(dataset).label} release is loaded for the date of service "
            f"{date_of_service.isoformat()}. Import the CMS release in force on that date "
            f"({SOURCE_FILES[EditDataset(dataset)]})."
        )


def edit_release_list(*, dataset: str | None = None) -> QuerySet[EditRelease]:
    releases = EditRelease.objects.all()
    if dataset:
        releases = releases.filter(dataset=dataset)
    return releases.order_by("dataset", "-effective_from")


def edit_release_in_force(*, dataset: str, date_of_service: datetime.date) -> EditRelease:
    """The newest release of ``dataset`` that had taken effect on the date of
    service; ``EditReleaseNotLoaded`` if the date is before every release."""
    release = (
        EditRelease.objects.filter(dataset=dataset, effective_from__lte=date_of_service)
        .order_by("-effective_from")
        .first()
    )
    if release is None or (release.effective_to and release.effective_to < date_of_service):
        raise EditReleaseNotLoaded(dataset=dataset, date_of_service=date_of_service)
    return release


def ptp_edits_between(*, release: EditRelease, codes: Iterable[str]) -> list[PtpEdit]:
    """Every edit of the release whose two codes are both among ``codes``, in
    either order, whatever its dates: one query on the (release, column1,
    column2) index."""
    codes = sorted(set(codes))
    return list(
        PtpEdit.objects.filter(release=release, column1__in=codes, column2__in=codes)
        .select_related("rationale")
        .order_by("column1", "column2", "effective")
    )


def mue_limit_get(*, release: EditRelease, code: str) -> MueLimit | None:
    return MueLimit.objects.filter(release=release, code=code).first()


def ptp_edits_for_code(*, release: EditRelease, code: str, date_of_service: datetime.date) -> QuerySet[PtpEdit]:
    """The code's edits in both directions (as column 1 and as column 2) that
    apply on the date of service. Indicator 9 edits never applied (see
    checks._fires) and are left out."""
    in_force = Q(effective__lte=date_of_service) & (Q(deletion__isnull=True) | Q(deletion__gt=date_of_service))
    return (
        PtpEdit.objects.filter(Q(column1=code) | Q(column2=code), in_force, release=release)
        .exclude(modifier_indicator=ModifierIndicator.NOT_APPLICABLE)
        .select_related("rationale")
        .order_by("column1", "column2")
    )


def code_in_edit_files(*, code: str, on: datetime.date) -> bool:
    """Whether the code has an MUE or a PTP edit in any release in force on the date."""
    for release in EditRelease.objects.filter(effective_from__lte=on).exclude(effective_to__lt=on):
        if release.dataset in (EditDataset.PTP_PRACTITIONER, EditDataset.PTP_HOSPITAL):
            found = PtpEdit.objects.filter(Q(column1=code) | Q(column2=code), release=release).exists()
        else:
            found = MueLimit.objects.filter(release=release, code=code).exists()
        if found:
            return True
    return False
