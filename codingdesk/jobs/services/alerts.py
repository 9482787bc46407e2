"""Saved job searches and their email alerts.

The hourly task sends each due saved search a digest of the postings
published since its last digest (or since it was saved). Each email carries
an unsubscribe link with a signed token, which works without logging in:
mail clients and people on another device follow it as is.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from codingdesk.accounts.models import User

from ..mail import templated_email_send
from ..models import AlertFrequency, SavedSearch
from ..selectors import job_search

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "codingdesk.jobs.saved-search-unsubscribe"
PERIODS = {AlertFrequency.DAILY: datetime.timedelta(days=1), AlertFrequency.WEEKLY: datetime.timedelta(days=7)}
# The task runs hourly, at a slightly different minute each time: a digest is
# due this much before its full period, so a daily one does not slip an hour
# later every day.
DUE_SLACK = datetime.timedelta(minutes=30)
MAX_POSTINGS_PER_DIGEST = 25
MAX_SAVED_SEARCHES_PER_USER = 20


def saved_search_create(*, user: User, name: str, filters: dict[str, Any], frequency: str) -> SavedSearch:
    """``filters`` are job_search's keyword arguments; they are checked by
    running the search once."""
    job_search(**filters)
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES_PER_USER:
        raise ValidationError(f"You can keep up to {MAX_SAVED_SEARCHES_PER_USER} saved searches; delete one first.")
    saved_search = SavedSearch(user=user, name=name.strip() or "My job search", filters=filters, frequency=frequency)
    saved_search.full_clean()
    saved_search.save()
    return saved_search


def saved_search_delete(*, user: User, saved_search_id: int) -> None:
    deleted, _ = SavedSearch.objects.filter(user=user, pk=saved_search_id).delete()
    if not deleted:
        raise Http404(f"You have no saved search {saved_search_id}.")


def saved_search_unsubscribe_token(*, saved_search: SavedSearch) -> str:
    return signing.dumps(saved_search.pk, salt=UNSUBSCRIBE_SALT)


def access_saved_search_by_token(*, token: str) -> SavedSearch:
    """The saved search an unsubscribe link names; 404 for a forged or
    mangled token. Tokens do not expire: an old email's link must still work."""
    try:
        saved_search_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise Http404("This unsubscribe link is not valid.") from None
    saved_search = SavedSearch.objects.filter(pk=saved_search_id).first()
    if saved_search is None:
        raise Http404("This saved search was deleted.")
    return saved_search


def saved_search_unsubscribe(*, token: str) -> SavedSearch:
    saved_search = access_saved_search_by_token(token=token)
    if saved_search.active:
        saved_search.active = False
        saved_search.save(update_fields=["active"])
    return saved_search


def saved_search_alerts_send(*, now: datetime.datetime | None = None) -> int:
    """Send every due digest; returns how many emails went out. A saved
    search is claimed by moving its last_sent_at, so two workers never send
    the same digest twice."""
    now = now or timezone.now()
    sent = 0
    for saved_search in _due_saved_searches(now):
        since = saved_search.last_sent_at or saved_search.created_at
        claimed = SavedSearch.objects.filter(pk=saved_search.pk, last_sent_at=saved_search.last_sent_at).update(
            last_sent_at=now
        )
        if not claimed:
            continue
        # One bad search (filters a later release no longer accepts) or one
        # refused address must not hold up everyone else's digest.
        try:
            postings = list(saved_search_new_matches(saved_search=saved_search, since=since, until=now))
        except ValidationError:
            logger.exception("Saved search %s: the digest was not sent", saved_search.pk)
            continue
        if not postings:
            continue
        try:
            _digest_send(saved_search, postings)
        except Exception:
            logger.exception("Saved search %s: the digest was not sent", saved_search.pk)
            # Give the claim back, so that the next run sends these postings;
            # only if no other worker has claimed the search since.
            SavedSearch.objects.filter(pk=saved_search.pk, last_sent_at=now).update(
                last_sent_at=saved_search.last_sent_at
            )
        else:
            sent += 1
    return sent


def _due_saved_searches(now: datetime.datetime):
    due = SavedSearch.objects.none()
    for frequency, period in PERIODS.items():
        cutoff = now - period + DUE_SLACK
        due = due | SavedSearch.objects.filter(frequency=frequency, last_sent_at__lte=cutoff)
        due = due | SavedSearch.objects.filter(frequency=frequency, last_sent_at__isnull=True, created_at__lte=cutoff)
    return due.filter(active=True, user__is_active=True).select_related("user").order_by("pk")


def saved_search_new_matches(*, saved_search: SavedSearch, since: datetime.datetime, until: datetime.datetime):
    """The search's matches published in (since, until]. A saved "posted
    within" filter is left out: the digest's own window already limits the
    age, and a weekly digest must not drop postings older than a day."""
    filters = {name: value for name, value in saved_search.filters.items() if name != "posted_within_days"}
    return job_search(**filters).filter(published_at__gt=since, published_at__lte=until)[
        :MAX_POSTINGS_PER_DIGEST
    ]


def _digest_send(saved_search: SavedSearch, postings: list) -> None:
    token = saved_search_unsubscribe_token(saved_search=saved_search)
    unsubscribe_url = settings.SITE_URL + reverse("jobs:saved_search_unsubscribe", kwargs={"token": token})
    context = {
        "saved_search": saved_search,
        "postings": postings,
        "site_url": settings.SITE_URL,
        "search_url": settings.SITE_URL + reverse("jobs:list") + "?" + saved_search.querystring,
        "unsubscribe_url": unsubscribe_url,
    }
    headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    templated_email_send(to=[saved_search.user.email], name="alert", context=context, headers=headers)
