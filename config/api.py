"""The one NinjaAPI. Each app adds its router under /api/v1/.

Every answer, errors included, is JSON with a ``detail`` message: the
handlers below replace ninja's defaults (422 with a bare error list, an HTML
page from Django for a crash or an unknown URL).

Every operation runs ApiKeyOrGuest (codingdesk/accounts/api_auth.py): a
Bearer API key or none (a guest), and the plan's per-minute rate limit. The
docs and the schema are not operations and need no key.
"""

import logging

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, ValidationError

from codingdesk.accounts.api_auth import ApiKeyOrGuest
from codingdesk.accounts.api_limits import ApiLimitExceeded
from codingdesk.assistant.api import router as assistant_router
from codingdesk.claims.api import router as claims_router
from codingdesk.codesets.api import router as codesets_router
from codingdesk.edits.api import router as edits_router
from codingdesk.fees.api import router as fees_router
from codingdesk.jobs.api import router as jobs_router
from codingdesk.search.api import router as search_router

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="CodingDesk API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    description=(
        "Code sets, releases and code lookups. Every error is JSON with a `detail` message.\n\n"
        "Send an API key as `Authorization: Bearer cdk_...`, or no key to call as a guest. Each plan allows "
        "so many requests a minute and so many code lookups a calendar month; past either the answer is "
        "429 with a `Retry-After` header (seconds). A key that is not valid or has been revoked gets 401."
    ),
    auth=ApiKeyOrGuest(),
)
api.add_router("/v1/", codesets_router)
api.add_router("/v1/", search_router)
api.add_router("/v1/", edits_router)
api.add_router("/v1/", fees_router)
api.add_router("/v1/", assistant_router)
api.add_router("/v1/", claims_router)
api.add_router("/v1/", jobs_router)

# Added last so that it only answers URLs no operation matched.
unmatched = Router()


@unmatched.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False)
def no_such_endpoint(request: HttpRequest, rest: str):
    raise Http404(f"There is no API endpoint at {request.path[:200]}. The endpoints are listed at /api/docs.")


api.add_router("/", unmatched)


@api.exception_handler(ValidationError)
def bad_input(request: HttpRequest, error: ValidationError):
    """Ninja's own checks (a malformed date, a missing parameter) are the
    client's mistake: 400, with one sentence naming each bad parameter."""
    errors = [
        {"loc": list(item["loc"]), "msg": item["msg"].removeprefix("Value error, "), "type": item["type"]}
        for item in error.errors
    ]
    problems = "; ".join(f"{_parameter_name(item['loc'])}: {item['msg']}" for item in errors)
    return api.create_response(request, {"detail": f"Bad input. {problems}.", "errors": errors}, status=400)


@api.exception_handler(AuthenticationError)
def bad_api_key(request: HttpRequest, error: AuthenticationError):
    response = api.create_response(request, {"detail": str(error)}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(ApiLimitExceeded)
def limit_exceeded(request: HttpRequest, error: ApiLimitExceeded):
    response = api.create_response(request, {"detail": error.detail}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404):
    return api.create_response(request, {"detail": str(error) or "Not found."}, status=404)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, error: Exception):
    # Logged with its traceback; the client gets JSON, never Django's HTML page.
    logger.exception("API error on %s %s", request.method, request.path)
    return api.create_response(
        request, {"detail": "Something went wrong on our side. The error has been logged."}, status=500
    )


def _parameter_name(loc: list) -> str:
    """("query", "as_of") -> "as_of"; the first item only says where it came from."""
    return ".".join(str(part) for part in loc[1:]) or str(loc[0])
