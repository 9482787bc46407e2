"""Who is calling the API, and the plan limits that apply to them.

Called by the API's auth (api_auth.py) on every request, for the per-minute
rate limit, and by the code lookup operation, for the monthly quota. The rate
counter lives in Django's cache; the quota in ApiUsage rows. With
settings.METERING_ENABLED off neither applies.
"""

from __future__ import annotations

import datetime
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from .models import ApiKey, ApiUsage, PlanName, User
from .plans import plan_limits

RATE_WINDOW_SECONDS = 60


class ApiLimitExceeded(Exception):
    """Answered with 429, a Retry-After header and the detail (config/api.py)."""

    def __init__(self, *, retry_after: int, detail: str) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
        self.detail = detail


@dataclass(frozen=True)
class ApiCaller:
    """A member calling with one of their keys, or a guest known by the keyed
    hash of their address."""

    user: User | None = None
    api_key: ApiKey | None = None
    ip_hash: str = ""

    @property
    def is_guest(self) -> bool:
        return self.user is None

    @property
    def plan_name(self) -> str:
        return PlanName.GUEST if self.user is None else self.user.effective_plan

    @property
    def subject(self) -> str:
        """Whose allowance is spent. A member's keys share one allowance, so
        that making more keys does not buy more requests."""
        return f"ip:{self.ip_hash}" if self.user is None else f"user:{self.user.pk}"


def api_rate_limit_check(*, caller: ApiCaller, now: float | None = None) -> None:
    """Count this request in the current minute; raise ApiLimitExceeded over the plan's rate."""
    if not settings.METERING_ENABLED:
        return
    limits = plan_limits(name=caller.plan_name)
    limit = limits.api_requests_per_minute
    if limit is None:
        return
    now = time.time() if now is None else now
    window = int(now // RATE_WINDOW_SECONDS)
    key = f"api-rate:{caller.subject}:{window}"
    # A fixed window: the counter starts at the first request of each minute
    # and expires after it. cache.add only creates a missing key, so two
    # workers cannot both start at 1. Redis' incr is atomic; the database
    # cache's incr is a read then a write, so parallel requests there can lose
    # a count or two: a rate limit, not a quota, and good enough for it.
    if cache.add(key, 1, timeout=RATE_WINDOW_SECONDS * 2):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=RATE_WINDOW_SECONDS * 2)
            count = 1
    if count > limit:
        retry_after = max(1, math.ceil((window + 1) * RATE_WINDOW_SECONDS - now))
        raise ApiLimitExceeded(
            retry_after=retry_after,
            detail=(
                f"Too many requests: the {limits.label} plan allows {limit} API request{_s(limit)} a minute. "
                f"Try again in {retry_after} second{_s(retry_after)}."
            ),
        )


def api_quota_spend(*, caller: ApiCaller, now: datetime.datetime | None = None) -> None:
    """Spend one code lookup of this calendar month; raise ApiLimitExceeded
    once the plan's monthly quota is used up."""
    if not settings.METERING_ENABLED:
        return
    limits = plan_limits(name=caller.plan_name)
    limit = limits.api_requests_per_month
    if limit is None:
        return
    now = timezone.localtime(now)
    month = now.date().replace(day=1)
    usage = ApiUsage.objects.filter(subject=caller.subject, month=month)
    # One conditional UPDATE: the database checks and spends in one step, so
    # parallel requests cannot spend the last lookup twice.
    spent = usage.filter(count__lt=limit).update(count=F("count") + 1)
    if not spent:
        ApiUsage.objects.get_or_create(subject=caller.subject, month=month)
        spent = usage.filter(count__lt=limit).update(count=F("count") + 1)
    if not spent:
        next_month = _next_month_start(now)
        raise ApiLimitExceeded(
            # Timestamps, not now - next_month: datetimes sharing a tzinfo
            # subtract as wall clock times and would miss a DST change.
            retry_after=max(1, math.ceil(next_month.timestamp() - now.timestamp())),
            detail=(
                f"The monthly API quota is used up: the {limits.label} plan includes {limit:,} code "
                f"lookup{_s(limit)} a month. It renews on {next_month:%B} 1."
            ),
        )


def _next_month_start(now: datetime.datetime) -> datetime.datetime:
    """Midnight on the first of next month, in the site's time zone."""
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return timezone.make_aware(datetime.datetime(year, month, 1), now.tzinfo)


def _s(count: int) -> str:
    return "" if count == 1 else "s"
