"""The claims API: a claim's lines scrubbed on their date of service against
NCCI PTP edits, MUEs and the fee schedule status, layer by layer.

The operation checks its input, calls the scrubber and returns its findings;
bad input is a 400 ``HttpError`` with one sentence in ``detail``.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from .parsing import ClaimLinesInvalid, DateOfServiceInvalid, claim_lines_build, claim_text_parse, date_of_service_parse
from .schemas import ClaimScrubIn, ClaimScrubOut, ErrorOut
from .scrub import SETTINGS, claim_scrub

router = Router(tags=["claims"])


@router.post(
    "/claims/scrub",
    response={200: ClaimScrubOut, 400: ErrorOut},
    summary="Scrub a claim's lines: NCCI PTP edits, MUEs and fee schedule status, each finding explained",
)
def claims_scrub(request: HttpRequest, payload: ClaimScrubIn):
    day = _date(payload.date_of_service)
    if payload.setting not in SETTINGS:
        raise HttpError(400, f"{payload.setting[:30]!r} is not a setting; choose one of {', '.join(SETTINGS)}.")
    if (payload.lines is None) == (payload.text is None):
        raise HttpError(400, "Give the claim either as lines (a list of objects) or as text (pasted lines), not both.")
    try:
        if payload.text is not None:
            lines = claim_text_parse(payload.text)
        else:
            lines = claim_lines_build([line.dict() for line in payload.lines])
    except ClaimLinesInvalid as error:
        raise HttpError(400, " ".join(error.errors)) from None
    result = claim_scrub(lines=lines, date_of_service=day, setting=payload.setting)
    return {
        "date_of_service": result.date_of_service,
        "setting": result.setting,
        "lines": [vars(line) for line in result.lines],
        "layers": {name: vars(layer) for name, layer in result.layers.items()},
    }


def _date(text: str | None) -> datetime.date:
    if text is None or not text.strip():
        return timezone.localdate()
    try:
        return date_of_service_parse(text)
    except DateOfServiceInvalid as error:
        raise HttpError(400, str(error)) from None
