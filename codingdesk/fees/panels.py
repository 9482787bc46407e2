"""What a code page shows of the physician fee schedule for one code: its
status and indicators from the RVU file in force on the date of service, and
the payment in the locality the reader picks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from . import selectors
from .indicators import Indicator
from .lookup import DATASET_NAMES, FeeLookupError, FeeLookupResult, fee_lookup, indicators_of
from .models import FeeDataset, Gpci, RelativeValue

INDICATOR_LABELS = {
    "status_code": "Status",
    "pctc_indicator": "Professional/technical component",
    "global_days": "Global period",
    "mult_proc": "Multiple procedures",
    "bilat_surg": "Bilateral surgery",
    "asst_surg": "Assistant at surgery",
    "co_surg": "Co-surgeons",
    "team_surg": "Team surgery",
}


@dataclass
class CodeFeePanel:
    code: str
    date_of_service: datetime.date
    modifier: str = ""
    modifiers: list[str] = field(default_factory=list)
    locality: str = ""
    localities: QuerySet[Gpci] | list = field(default_factory=list)
    row: RelativeValue | None = None
    indicators: list[tuple[str, Indicator]] = field(default_factory=list)
    fee: FeeLookupResult | None = None
    notice: str = ""


def code_fee_panel(*, code: str, date_of_service: datetime.date, modifier: str = "", locality: str = "") -> CodeFeePanel:
    panel = CodeFeePanel(code=code, date_of_service=date_of_service, locality=locality)
    release = selectors.fee_release_in_force(dataset=FeeDataset.RVU, on=date_of_service)
    if release is None:
        panel.notice = f"No {DATASET_NAMES[FeeDataset.RVU]} is loaded for the date of service {date_of_service:%Y-%m-%d}."
        return panel
    panel.modifiers = selectors.relative_value_modifiers(release=release, code=code)
    if not panel.modifiers:
        panel.notice = f"{code} is not in the physician fee schedule RVU file {release.version}."
        return panel
    panel.modifier = modifier if modifier in panel.modifiers else panel.modifiers[0]
    panel.row = selectors.relative_value_get(release=release, code=code, modifier=panel.modifier)
    shown = indicators_of(panel.row)
    panel.indicators = [(label, shown[key]) for key, label in INDICATOR_LABELS.items()]
    _, panel.localities = selectors.locality_list(on=date_of_service)
    if locality:
        try:
            panel.fee = fee_lookup(code=code, modifier=panel.modifier, locality=locality, date_of_service=date_of_service)
        except FeeLookupError as error:
            panel.notice = str(error)
    return panel
