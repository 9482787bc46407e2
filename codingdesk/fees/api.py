"""The fee-schedule API: a Medicare physician fee for a code, modifier,
locality and date of service, and the localities to choose from.

Operations check their input, call the lookup or a selector and shape the
answer. Bad input is a 400 and missing data a 404, each an ``HttpError``
with one sentence in ``detail``.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from codingdesk.lib.dates import iso_date_parse

from . import selectors
from .lookup import FeeDataMissing, FeeLookupResult, FeeQueryInvalid, fee_lookup
from .models import FeeRelease, Gpci
from .schemas import ErrorOut, FeeOut, LocalityListOut

router = Router(tags=["fees"])

LOCALITIES_HINT = "GET /api/v1/fees/localities lists them"


@router.get(
    "/fees",
    response={200: FeeOut, 400: ErrorOut, 404: ErrorOut},
    summary="A Medicare physician fee in one locality on a date of service, with its indicators explained",
)
def fee_detail(
    request: HttpRequest,
    code: str = Query("", description="HCPCS or CPT code, e.g. 99213."),
    modifier: str = Query("", description="Blank (the global service), 26, TC or 53."),
    locality: str = Query("", description="<MAC>-<locality number>, e.g. 10112-00."),
    date_of_service: str = Query("", alias="date", description="YYYY-MM-DD. Defaults to today."),
):
    if not code.strip():
        raise HttpError(400, "Give the code to price, e.g. code=99213.")
    if not locality.strip():
        raise HttpError(
            400, f"Give the Medicare locality as <MAC>-<locality number>, e.g. locality=10112-00; {LOCALITIES_HINT}."
        )
    on = _date_or_400(date_of_service) or timezone.localdate()
    try:
        result = fee_lookup(code=code, modifier=modifier, locality=locality, date_of_service=on)
    except FeeQueryInvalid as error:
        raise HttpError(400, error.detail) from None
    except FeeDataMissing as error:
        raise HttpError(404, error.detail) from None
    return _fee_payload(result)


@router.get(
    "/fees/localities",
    response={200: LocalityListOut, 400: ErrorOut, 404: ErrorOut},
    summary="The Medicare payment localities, for a picker",
)
def locality_list(
    request: HttpRequest,
    date_of_service: str = Query(
        "", alias="date", description="YYYY-MM-DD: the GPCI file in force then. Defaults to the newest."
    ),
):
    on = _date_or_400(date_of_service)
    release, localities = selectors.locality_list(on=on)
    if release is None:
        when = f" in force on {on.isoformat()}" if on else ""
        raise HttpError(404, f"No GPCI file (Addendum E){when} has been imported, so there are no localities to list.")
    return {"gpci_release": _release_payload(release), "localities": [_locality_payload(gpci) for gpci in localities]}


def _date_or_400(value: str) -> datetime.date | None:
    """YYYY-MM-DD only: Python would also read 20260401, and a typo must not
    price a different day."""
    if not value.strip():
        return None
    try:
        return iso_date_parse(value)
    except ValueError as error:
        raise HttpError(400, str(error)) from None


def _fee_payload(result: FeeLookupResult) -> dict:
    row, gpci = result.relative_value, result.locality
    return {
        "code": result.code,
        "modifier": result.modifier,
        "date_of_service": result.date_of_service,
        "locality": _locality_payload(gpci),
        "rvus": {
            "work": str(row.work_rvu),
            "non_facility_pe": str(row.non_facility_pe_rvu),
            "facility_pe": str(row.facility_pe_rvu),
            "mp": str(row.mp_rvu),
        },
        "gpcis": {"work": str(gpci.work_gpci), "pe": str(gpci.pe_gpci), "mp": str(gpci.mp_gpci)},
        "conversion_factor": str(result.conversion_factor),
        "non_facility_amount": _money(result.non_facility_amount),
        "facility_amount": _money(result.facility_amount),
        "payment_notes": result.payment_notes,
        "indicators": {name: {"code": item.code, "meaning": item.meaning} for name, item in result.indicators.items()},
        "rvu_release": _release_payload(result.rvu_release),
        "gpci_release": _release_payload(result.gpci_release),
    }


def _money(amount) -> str | None:
    return None if amount is None else str(amount)


def _release_payload(release: FeeRelease) -> dict:
    return {
        "version": release.version,
        "year": release.year,
        "effective_from": release.effective_from,
        "effective_to": release.effective_to,
    }


def _locality_payload(gpci: Gpci) -> dict:
    return {
        "key": gpci.key,
        "mac": gpci.mac,
        "state": gpci.state,
        "locality_number": gpci.locality_number,
        "name": gpci.locality_name,
        "notes": gpci.notes,
    }
