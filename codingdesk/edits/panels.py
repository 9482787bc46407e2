"""What a code page shows of the NCCI edits and MUE limits of one code, as of
a date of service and in a setting (practitioner or outpatient hospital)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from . import selectors
from .checks import PTP_DATASETS
from .models import EditDataset, EditRelease, MueLimit

EDITS_PER_PAGE = 50
SETTINGS = {"practitioner": "Practitioner", "hospital": "Outpatient hospital"}
MUE_DATASETS = [EditDataset.MUE_PRACTITIONER, EditDataset.MUE_HOSPITAL, EditDataset.MUE_DME]
# What each MUE adjudication indicator means for a claim (CMS MUE policy).
MAI_EXPLAINED = {
    "1": "Claim line edit: the units on each line are checked on their own.",
    "2": "Date of service edit (policy): all units of the code on one date are added up; "
    "units above the MUE are not paid, even on appeal.",
    "3": "Date of service edit (clinical): all units of the code on one date are added up; "
    "units above the MUE may be paid on appeal with documentation of medical necessity.",
}


@dataclass
class MueRow:
    label: str
    limit: MueLimit | None = None
    meaning: str = ""
    notice: str = ""  # no release loaded for the date


@dataclass
class CodeEditsPanel:
    code: str
    setting: str
    date_of_service: datetime.date
    release: EditRelease | None = None
    notice: str = ""
    edits: Page | None = None
    mue_rows: list[MueRow] = field(default_factory=list)

    @property
    def settings(self) -> dict[str, str]:
        return SETTINGS


def code_edits_panel(*, code: str, date_of_service: datetime.date, setting: str, page_number: str | int = 1) -> CodeEditsPanel:
    setting = setting if setting in SETTINGS else "practitioner"
    panel = CodeEditsPanel(code=code, setting=setting, date_of_service=date_of_service)
    try:
        panel.release = selectors.edit_release_in_force(dataset=PTP_DATASETS[setting], date_of_service=date_of_service)
    except selectors.EditReleaseNotLoaded as error:
        panel.notice = str(error)
    else:
        edits = selectors.ptp_edits_for_code(release=panel.release, code=code, date_of_service=date_of_service)
        panel.edits = Paginator(edits, EDITS_PER_PAGE).get_page(page_number)
    panel.mue_rows = [_mue_row(dataset, code, date_of_service) for dataset in MUE_DATASETS]
    return panel


def _mue_row(dataset: str, code: str, date_of_service: datetime.date) -> MueRow:
    row = MueRow(label=EditDataset(dataset).label.removeprefix("MUE, "))
    try:
        release = selectors.edit_release_in_force(dataset=dataset, date_of_service=date_of_service)
    except selectors.EditReleaseNotLoaded:
        row.notice = "No release loaded for this date."
        return row
    row.limit = selectors.mue_limit_get(release=release, code=code)
    if row.limit:
        row.meaning = MAI_EXPLAINED[row.limit.mai]
    return row
