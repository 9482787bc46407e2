"""Code page metering: how many distinct code pages a viewer may open in the
rolling window (settings.METERING_WINDOW_DAYS), and recording each view.

Called by the code page view. Only code detail pages are metered; reopening
a code already viewed in the window is free. The count and the new row are
written under a lock so that parallel requests cannot overspend.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.utils import timezone

from .models import CodeView, MeterLock, PlanName, User
from .plans import PlanLimits, plan_limits


@dataclass(frozen=True)
class Viewer:
    """Who is looking: a signed-in member, or a guest known by cookie and
    by the keyed hash of their address."""

    user: User | None = None
    guest_id: str = ""
    ip_hash: str = ""

    @property
    def is_guest(self) -> bool:
        return self.user is None

    @property
    def plan_name(self) -> str:
        return PlanName.GUEST if self.user is None else self.user.effective_plan


@dataclass(frozen=True)
class CodePageAccess:
    """What a code page may show this viewer, and what to tell them."""

    metered: bool  # False when metering is off: no counts, no marks, no gates
    full_page: bool  # False: only the code and its descriptor, plus a prompt
    exhausted: bool  # the allowance was used up before this view
    remaining: int | None  # views left after this one; None = unlimited
    plan: PlanLimits | None = None
    is_guest: bool = False
    gated_sections: frozenset[str] = field(default_factory=frozenset)


UNMETERED = CodePageAccess(metered=False, full_page=True, exhausted=False, remaining=None)


def code_page_view_record(*, viewer: Viewer, system: str, code: str) -> CodePageAccess:
    """Count this view if it is new in the window and allowed; say what the page may show."""
    if not settings.METERING_ENABLED:
        return UNMETERED
    limits = plan_limits(name=viewer.plan_name)
    gated = frozenset(settings.METERING_GUEST_GATED_SECTIONS) if viewer.is_guest else frozenset()
    access = {"metered": True, "plan": limits, "is_guest": viewer.is_guest, "gated_sections": gated}
    allowance = limits.code_page_views
    if allowance is None:
        return CodePageAccess(full_page=True, exhausted=False, remaining=None, **access)
    with transaction.atomic():
        _lock_viewer(viewer)
        # At most `allowance` distinct codes are ever recorded in the window,
        # so reading them all is one small query.
        viewed = set(code_views_in_window(viewer=viewer).values_list("system", "code").distinct())
        used = len(viewed)
        if (system, code) in viewed:
            return CodePageAccess(full_page=True, exhausted=False, remaining=max(allowance - used, 0), **access)
        if used >= allowance:
            return CodePageAccess(full_page=False, exhausted=True, remaining=0, **access)
        CodeView.objects.create(
            user=viewer.user, guest_id=viewer.guest_id, ip_hash=viewer.ip_hash,
            system=system, code=code, viewed_at=timezone.now(),
        )
    return CodePageAccess(full_page=True, exhausted=False, remaining=allowance - used - 1, **access)


def code_views_in_window(*, viewer: Viewer) -> QuerySet[CodeView]:
    """A member's views; or a guest's, matched by cookie or by address, so
    that clearing cookies does not start a new allowance."""
    since = timezone.now() - datetime.timedelta(days=settings.METERING_WINDOW_DAYS)
    views = CodeView.objects.filter(viewed_at__gte=since)
    if viewer.user is not None:
        return views.filter(user=viewer.user)
    match = Q()
    if viewer.guest_id:
        match |= Q(guest_id=viewer.guest_id)
    if viewer.ip_hash:
        match |= Q(ip_hash=viewer.ip_hash)
    if not match:
        return views.none()
    return views.filter(match, user__isnull=True)


def code_page_views_used(*, viewer: Viewer) -> int:
    return _distinct_codes(code_views_in_window(viewer=viewer))


def _distinct_codes(views: QuerySet[CodeView]) -> int:
    return views.values("system", "code").distinct().count()


def _lock_viewer(viewer: Viewer) -> None:
    """Serialize counting for one viewer until the transaction ends.

    PostgreSQL: a row lock (SELECT ... FOR UPDATE). SQLite ignores FOR UPDATE,
    but the database is opened with transaction_mode IMMEDIATE, so the atomic
    block already holds the one write lock.
    """
    if viewer.user is not None:
        list(User.objects.select_for_update().filter(pk=viewer.user.pk).values_list("pk"))
        return
    keys = []
    if viewer.guest_id:
        keys.append(f"guest:{viewer.guest_id}")
    if viewer.ip_hash:
        keys.append(f"ip:{viewer.ip_hash}")
    for key in sorted(keys):  # always in the same order, so two requests cannot deadlock
        MeterLock.objects.get_or_create(key=key)
        list(MeterLock.objects.select_for_update().filter(key=key).values_list("pk"))


def code_views_prune() -> tuple[int, int]:
    """Forget views older than the window, and the guest lock rows that no
    view in the window refers to. Returns (views, lock rows) deleted.

    A lock row deleted just as its guest opens a page is simply made again;
    at worst that guest's first two parallel views both count.
    """
    since = timezone.now() - datetime.timedelta(days=settings.METERING_WINDOW_DAYS)
    views_deleted, _ = CodeView.objects.filter(viewed_at__lt=since).delete()
    # Every view left is in the window now.
    recent_guest_keys = CodeView.objects.filter(user__isnull=True).annotate(
        guest_key=Concat(Value("guest:"), "guest_id"), ip_key=Concat(Value("ip:"), "ip_hash")
    )
    in_use = Q(Exists(recent_guest_keys.filter(guest_key=OuterRef("key")))) | Q(
        Exists(recent_guest_keys.filter(ip_key=OuterRef("key")))
    )
    locks_deleted, _ = MeterLock.objects.exclude(in_use).delete()
    return views_deleted, locks_deleted
