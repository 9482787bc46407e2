"""The one NinjaAPI. Each app adds its router under /api/v1/."""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import ValidationError

from codingdesk.codesets.api import router as codesets_router

api = NinjaAPI(
    title="CodingDesk API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    description="Code sets, releases and code lookups. Every error is JSON with a `detail` message.",
)
api.add_router("/v1/", codesets_router)


@api.exception_handler(ValidationError)
def bad_input(request: HttpRequest, error: ValidationError):
    return api.create_response(request, {"detail": "Bad input.", "errors": error.errors}, status=400)
