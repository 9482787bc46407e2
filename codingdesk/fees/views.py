"""The fee lookup tool page: a GET form of code, modifier, locality and date
of service, and the Medicare physician fee with its arithmetic and every
indicator explained (lookup.fee_lookup, which the API also answers from).

Bad input is shown beside its field (status 400); missing data (no release
for the date, an unknown locality, a code not in the RVU file) gets the
lookup's own sentence. The page is not metered: only code pages are.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from codingdesk.lib.dates import iso_date_parse

from . import selectors
from .lookup import FeeDataMissing, FeeLookupResult, FeeQueryInvalid, UnknownLocality, fee_lookup
from .panels import INDICATOR_LABELS

MODIFIERS = {
    "": "None (global)",
    "26": "26 (professional component)",
    "TC": "TC (technical component)",
    "53": "53 (discontinued)",
}
# The indicators the code page shows, with the modifier first and the NA
# flags last: the tool shows every indicator the lookup explains.
TOOL_INDICATOR_LABELS = {
    "modifier": "Modifier",
    **INDICATOR_LABELS,
    "non_facility_na": "Non-facility setting",
    "facility_na": "Facility setting",
}
MAX_TEXT_LENGTH = 100


def fee_tool(request: HttpRequest) -> HttpResponse:
    form = {
        "code": request.GET.get("code", "")[:MAX_TEXT_LENGTH],
        "modifier": request.GET.get("modifier", "")[:MAX_TEXT_LENGTH],
        "locality": request.GET.get("locality", "")[:MAX_TEXT_LENGTH],
        "date": request.GET.get("date", timezone.localdate().isoformat())[:MAX_TEXT_LENGTH],
    }
    context = {"form": form, "modifiers": MODIFIERS, "errors": {}}
    errors = context["errors"]
    submitted = "code" in request.GET
    day = _date(form["date"], errors) if submitted else timezone.localdate()
    context["gpci_release"], context["localities"] = selectors.locality_list(on=day)
    if not submitted:
        return render(request, "fees/fee_tool.html", context)
    if not form["code"].strip():
        errors["code"] = "Give the code to price, e.g. 99213."
    if form["modifier"].strip().upper() not in MODIFIERS:
        errors["modifier"] = f"{form['modifier'][:20]!r} is not a modifier here; choose none, 26, TC or 53."
    if not form["locality"].strip():
        errors["locality"] = "Choose a Medicare locality."
    if errors:
        return render(request, "fees/fee_tool.html", context, status=400)
    form["date"] = day.isoformat()
    query = {"code": form["code"].strip().upper(), "modifier": form["modifier"].strip().upper(),
             "locality": form["locality"].strip(), "date": day.isoformat()}
    context.update(checked=True, date_of_service=day, json_url=f"{reverse('api:fee_detail')}?{urlencode(query)}")
    try:
        fee = fee_lookup(code=form["code"], modifier=form["modifier"], locality=form["locality"], date_of_service=day)
    except (FeeQueryInvalid, UnknownLocality) as error:
        # The modifier was checked above, so the code or the locality is wrong;
        # the lookup's sentence names which.
        field = "locality" if isinstance(error, UnknownLocality) or "Medicare locality" in error.detail else "code"
        errors[field] = error.detail
        return render(request, "fees/fee_tool.html", context, status=400)
    except FeeDataMissing as error:
        context["notice"] = error.detail
        return render(request, "fees/fee_tool.html", context)
    context["fee"] = fee
    context["arithmetic"] = _arithmetic(fee)
    context["indicators"] = [(label, fee.indicators[key]) for key, label in TOOL_INDICATOR_LABELS.items()]
    return render(request, "fees/fee_tool.html", context)


def _date(text: str, errors: dict[str, str]) -> datetime.date:
    """YYYY-MM-DD, or today when blank (Python would also read 20260401, and
    a typo must not price another day); today with an error otherwise."""
    if not text.strip():
        return timezone.localdate()
    try:
        return iso_date_parse(text)
    except ValueError as error:
        errors["date"] = str(error)
        return timezone.localdate()


def _arithmetic(fee: FeeLookupResult) -> list[dict[str, Decimal | str | None]]:
    """The steps of lookup.fee_amount for each setting, to show how the
    amount was reached: each RVU times its GPCI, their sum, times the
    conversion factor, then rounded to cents (None where no amount is given)."""
    row, gpci = fee.relative_value, fee.locality
    steps = []
    for setting, pe_rvu, amount in (
        ("Non-facility", row.non_facility_pe_rvu, fee.non_facility_amount),
        ("Facility", row.facility_pe_rvu, fee.facility_amount),
    ):
        work, pe, mp = row.work_rvu * gpci.work_gpci, pe_rvu * gpci.pe_gpci, row.mp_rvu * gpci.mp_gpci
        total = work + pe + mp
        steps.append({
            "setting": setting, "pe_rvu": pe_rvu, "work": work, "pe": pe, "mp": mp, "total": total,
            "exact": total * fee.conversion_factor, "amount": amount,
        })
    return steps
