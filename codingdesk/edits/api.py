"""The edits API: NCCI PTP pairs and MUE limits for a claim's codes on a date
of service.

Operations check their input, call one check and shape the answer; every
error is an ``HttpError`` so it reaches the client as JSON with ``detail``.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from .checks import MUE_DATASETS, PTP_DATASETS, mue_check, ptp_check
from .parsing import claim_codes_parse, date_of_service_parse, setting_parse, units_parse
from .schemas import ErrorOut, MueCheckOut, PtpCheckOut
from .selectors import EditReleaseNotLoaded

router = Router(tags=["edits"])


@router.get(
    "/edits/ptp",
    response={200: PtpCheckOut, 400: ErrorOut, 404: ErrorOut},
    summary="NCCI PTP edits between a claim's codes on a date of service",
)
def edits_ptp(
    request: HttpRequest,
    codes: str = Query(..., description="The claim's codes, comma-separated, modifiers after dashes: 11042,97597-59"),
    date_of_service: str | None = Query(None, alias="date", description="Date of service, YYYY-MM-DD; today if left out."),
    setting: str = Query("practitioner", description="practitioner or hospital (outpatient)."),
):
    lines = _parsed(claim_codes_parse, codes)
    day = _parsed(date_of_service_parse, date_of_service)
    _parsed(setting_parse, setting, PTP_DATASETS)
    try:
        result = ptp_check(lines=lines, date_of_service=day, setting=setting)
    except EditReleaseNotLoaded as error:
        raise HttpError(404, str(error)) from None
    return {"date_of_service": day, "setting": setting, "release": result.release, "edits": result.findings}


@router.get(
    "/edits/mue",
    response={200: MueCheckOut, 400: ErrorOut, 404: ErrorOut},
    summary="The MUE of a code on a date of service, against a number of units",
)
def edits_mue(
    request: HttpRequest,
    code: str = Query(..., description="A CPT/HCPCS code, e.g. 97110."),
    units: str = Query(..., description="Units of service: on the line (MAI 1) or for the day (MAI 2 and 3)."),
    date_of_service: str | None = Query(None, alias="date", description="Date of service, YYYY-MM-DD; today if left out."),
    setting: str = Query("practitioner", description="practitioner, hospital (outpatient) or dme (supplier)."),
):
    (line,) = _parsed(claim_codes_parse, code, allow_modifiers=False)
    count = _parsed(units_parse, units)
    day = _parsed(date_of_service_parse, date_of_service)
    _parsed(setting_parse, setting, MUE_DATASETS)
    try:
        finding = mue_check(code=line.code, units=count, date_of_service=day, setting=setting)
    except EditReleaseNotLoaded as error:
        raise HttpError(404, str(error)) from None
    return {**vars(finding), "date_of_service": day, "setting": setting}


def _parsed(parse, *args, **kwargs):
    """The parser's answer; its ValueError is the client's mistake, a 400."""
    try:
        return parse(*args, **kwargs)
    except ValueError as error:
        raise HttpError(400, str(error)) from None
