"""Recognizing a guest across requests, for the views that meter them.

A guest carries a random id in a signed cookie. Because clearing cookies must
not grant new views, a guest is also known by a keyed hash (HMAC with the
site's secret key) of their address; the address itself is never stored.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from .metering import Viewer

GUEST_COOKIE = "codingdesk_guest"
GUEST_COOKIE_SALT = "codingdesk.accounts.guest"
GUEST_COOKIE_MAX_AGE = 400 * 24 * 3600  # the longest browsers keep a cookie


def viewer_from_request(request: HttpRequest) -> Viewer:
    if request.user.is_authenticated:
        return Viewer(user=request.user)
    return Viewer(guest_id=_guest_id(request), ip_hash=ip_hash(client_ip(request)))


def guest_cookie_set(request: HttpRequest, response: HttpResponse) -> None:
    """Give a new guest their cookie once their id has been used."""
    new_id = getattr(request, "_new_guest_id", "")
    if new_id:
        response.set_signed_cookie(
            GUEST_COOKIE, new_id, salt=GUEST_COOKIE_SALT, max_age=GUEST_COOKIE_MAX_AGE,
            secure=settings.SECURE_COOKIES, httponly=True, samesite="Lax",
        )


def _guest_id(request: HttpRequest) -> str:
    guest_id = request.get_signed_cookie(GUEST_COOKIE, default="", salt=GUEST_COOKIE_SALT, max_age=GUEST_COOKIE_MAX_AGE)
    if not guest_id:
        guest_id = request._new_guest_id = secrets.token_urlsafe(24)
    return guest_id


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the
    outermost trusted proxy saw. Entries further left could be forged."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def ip_hash(address: str) -> str:
    if not address:
        return ""
    return salted_hmac("codingdesk.accounts.guest-ip", address, algorithm="sha256").hexdigest()
