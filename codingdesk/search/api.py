"""GET /api/v1/search: the search box as JSON."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from codingdesk import search
from codingdesk.codesets.api import OptionalIsoDate, SYSTEM_HELP, system_or_404

from .schemas import SearchOut

router = Router(tags=["search"])


@router.get("/search", response=SearchOut, summary="Search every code set for what the chart says, or for a code")
def code_search(
    request: HttpRequest,
    q: str = Query("", description="Words from the chart (hives, HTN, laparoscopic appendectomy) or a code (E11.9, E11.)."),
    system: str = Query("", description="Limit to one code system. " + SYSTEM_HELP),
    limit: int = Query(10, ge=1, le=search.MAX_LIMIT),
    billable: bool = Query(False, description="Billable codes only."),
    as_of: OptionalIsoDate = Query(None, description="Date of service, YYYY-MM-DD. Defaults to today."),
):
    try:
        return search.search(
            q, system=system_or_404(system) if system else None, limit=limit, billable_only=billable, as_of=as_of
        )
    except search.QueryTooLong as error:
        raise HttpError(400, str(error)) from error
