"""API keys: creating, revoking and checking them.

A key is shown once, when it is made; only a SHA-256 of the whole key is kept
(see ApiKey). Keys are checked by the API's auth (api_auth.py).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import secrets

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import ApiKey, User

KEY_PREFIX = "cdk"
# cdk_<key_id>_<secret>: the key id is hex, so the first two underscores split
# the key unambiguously; the secret (token_urlsafe) may hold "_" and "-".
# Anything else is refused before it reaches the database.
KEY_SHAPE = re.compile(r"^cdk_(?P<key_id>[0-9a-f]{16})_[A-Za-z0-9_-]{20,100}$")
# last_used_at is a hint for the member, not an audit log: writing it on every
# request would add a write to each API call.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)
NAME_MAX_LENGTH = ApiKey._meta.get_field("name").max_length


def api_key_create(*, user: User, name: str) -> tuple[ApiKey, str]:
    """The new key and its plaintext, which is not kept and cannot be shown again."""
    name = name.strip()
    if not name:
        raise ValidationError("Give the key a name, such as the program that will use it.")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(f"A key's name is at most {NAME_MAX_LENGTH} characters long.")
    key_id = secrets.token_hex(8)
    plaintext = f"{KEY_PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
    api_key = ApiKey.objects.create(user=user, name=name, key_id=key_id, key_hash=_hash(plaintext))
    return api_key, plaintext


def api_key_revoke(*, key_id: str, user: User | None = None) -> ApiKey:
    """Revoke a key; given a user, only one of theirs. Revoking twice keeps
    the first date. Raises ApiKey.DoesNotExist for an unknown key id."""
    keys = ApiKey.objects.filter(key_id=key_id)
    if user is not None:
        keys = keys.filter(user=user)
    api_key = keys.first()
    if api_key is None:
        raise ApiKey.DoesNotExist(f"There is no API key with the id {key_id[:40]!r}.")
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
    return api_key


def api_key_authenticate(*, raw_key: str) -> ApiKey | None:
    """The live key (with its user) that raw_key is, or None."""
    shape = KEY_SHAPE.match(raw_key)
    if shape is None:
        return None
    api_key = (
        ApiKey.objects.select_related("user")
        .filter(key_id=shape["key_id"], revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    # Constant-time comparison, so the response time says nothing about how
    # much of a guessed hash was right.
    if api_key is None or not hmac.compare_digest(api_key.key_hash, _hash(raw_key)):
        return None
    _last_used_mark(api_key)
    return api_key


def api_key_list(*, user: User) -> QuerySet[ApiKey]:
    """A member's keys, revoked ones included, newest first."""
    return ApiKey.objects.filter(user=user)


def _last_used_mark(api_key: ApiKey) -> None:
    now = timezone.now()
    stale = now - LAST_USED_PRECISION
    if api_key.last_used_at is not None and api_key.last_used_at > stale:
        return
    # The condition repeats in the UPDATE so that parallel requests write once.
    ApiKey.objects.filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale), pk=api_key.pk).update(
        last_used_at=now
    )
    api_key.last_used_at = now


def _hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()
