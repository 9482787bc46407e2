"""The auth of every API operation (set on the NinjaAPI in config/api.py).

A request with ``Authorization: Bearer cdk_...`` is the member whose key it
is; one without the header is a guest, known by the keyed hash of their
address. A header that is not a live key is refused with 401, never taken for
a guest: a client with a revoked key should find out, not be quietly
downgraded. Each request is then counted against the plan's rate limit.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security.http import HttpAuthBase

from .api_keys import api_key_authenticate
from .api_limits import ApiCaller, api_rate_limit_check
from .guests import client_ip, ip_hash

BAD_KEY = (
    "The API key is not valid or has been revoked. Send a live key as 'Authorization: Bearer cdk_...', "
    "or no Authorization header to call as a guest."
)


class ApiKeyOrGuest(HttpAuthBase):
    openapi_scheme = "bearer"
    openapi_bearerFormat = "cdk_<key_id>_<secret>"
    openapi_description = (
        "An API key made on your account's API keys page. Optional: without the Authorization header "
        "you call as a guest, with the Guest plan's limits."
    )

    def __call__(self, request: HttpRequest) -> ApiCaller:
        """The caller, also set as request.api_caller. Raises AuthenticationError
        (401) for a bad key and ApiLimitExceeded (429) over the rate limit."""
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _, token = header.strip().partition(" ")
            api_key = api_key_authenticate(raw_key=token.strip()) if scheme.lower() == "bearer" else None
            if api_key is None:
                raise AuthenticationError(message=BAD_KEY)
            caller = ApiCaller(user=api_key.user, api_key=api_key)
        else:
            caller = ApiCaller(ip_hash=ip_hash(client_ip(request)))
        request.api_caller = caller
        api_rate_limit_check(caller=caller)
        return caller
