"""The edits API: NCCI PTP pairs and MUE limits for a claim's codes on a date
of service.

Operations check their input, call one check and shape the answer; every
error is an ``HttpError`` so it reaches the client as JSON with ``detail``.
"""

from __future__ import annotations

import datetime
import re

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from .checks import MUE_DATASETS, PTP_DATASETS, ClaimCode, mue_check, ptp_check
from .schemas import ErrorOut, MueCheckOut, PtpCheckOut
from .selectors import EditReleaseNotLoaded

router = Router(tags=["edits"])

CODE = re.compile(r"^[A-Z0-9]{5}$")
MODIFIER = re.compile(r"^[A-Z0-9]{2}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# An 837P claim holds at most 50 service lines.
MAX_CODES = 50
MAX_UNITS = 99_999


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
    lines = _claim_codes(codes)
    day = _date(date_of_service)
    _setting(setting, PTP_DATASETS)
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
    (line,) = _claim_codes(code, allow_modifiers=False)
    count = _units(units)
    day = _date(date_of_service)
    _setting(setting, MUE_DATASETS)
    try:
        finding = mue_check(code=line.code, units=count, date_of_service=day, setting=setting)
    except EditReleaseNotLoaded as error:
        raise HttpError(404, str(error)) from None
    return {**vars(finding), "date_of_service": day, "setting": setting}


def _claim_codes(text: str, *, allow_modifiers: bool = True) -> list[ClaimCode]:
    tokens = [token.strip().upper() for token in text.split(",") if token.strip()]
    if not tokens:
        raise HttpError(400, "Give at least one CPT/HCPCS code.")
    if len(tokens) > MAX_CODES:
        raise HttpError(400, f"A claim holds at most {MAX_CODES} lines; {len(tokens)} codes were given.")
    if not allow_modifiers and (len(tokens) > 1 or "-" in tokens[0]):
        raise HttpError(400, f"{text.strip()[:40]!r}: give one code, without modifiers.")
    lines = []
    for token in tokens:
        code, *modifiers = (part.strip() for part in token.split("-"))
        if not CODE.match(code):
            raise HttpError(
                400, f"{token[:40]!r} is not a CPT/HCPCS code: five letters or digits, modifiers after dashes (97597-59)."
            )
        for modifier in modifiers:
            if not MODIFIER.match(modifier):
                raise HttpError(400, f"{token[:40]!r}: {modifier[:10]!r} is not a modifier (two letters or digits).")
        lines.append(ClaimCode(code=code, modifiers=tuple(modifiers)))
    return lines


def _date(text: str | None) -> datetime.date:
    if text is None or not text.strip():
        return timezone.localdate()
    if ISO_DATE.match(text.strip()):
        try:
            return datetime.date.fromisoformat(text.strip())
        except ValueError:  # 2026-13-45
            pass
    raise HttpError(400, f"{text[:30]!r} is not a date; write the date of service as YYYY-MM-DD, e.g. 2026-07-01.")


def _units(text: str) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_UNITS:
        raise HttpError(400, f"units must be a whole number from 1 to {MAX_UNITS:,}; got {text[:20]!r}.")
    return int(text)


def _setting(setting: str, datasets: dict) -> None:
    if setting not in datasets:
        raise HttpError(400, f"{setting[:30]!r} is not a setting here; choose one of {', '.join(datasets)}.")
