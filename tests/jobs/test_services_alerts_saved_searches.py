"""Saving, deleting and unsubscribing saved searches."""

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404

from codingdesk.jobs.models import SavedSearch
from codingdesk.jobs.services import alerts
from codingdesk.jobs.services.alerts import (
    saved_search_create,
    saved_search_delete,
    saved_search_unsubscribe,
    saved_search_unsubscribe_token,
)


def test_a_search_is_saved_with_its_filters(alice):
    search = saved_search_create(
        user=alice, name=" Texas ", filters={"state": "TX", "pay_min": "25"}, frequency="weekly"
    )

    assert search.name == "Texas"
    assert search.filters == {"state": "TX", "pay_min": "25"}
    assert search.querystring == "state=TX&pay_min=25"


def test_bad_filters_are_refused(alice):
    with pytest.raises(ValidationError):
        saved_search_create(user=alice, name="x", filters={"state": "Atlantis"}, frequency="daily")
    with pytest.raises(TypeError):
        saved_search_create(user=alice, name="x", filters={"salary": 5}, frequency="daily")


def test_there_is_a_limit_per_user(alice, monkeypatch):
    monkeypatch.setattr(alerts, "MAX_SAVED_SEARCHES_PER_USER", 1)
    saved_search_create(user=alice, name="one", filters={}, frequency="daily")

    with pytest.raises(ValidationError, match="up to 1"):
        saved_search_create(user=alice, name="two", filters={}, frequency="daily")


def test_only_its_owner_deletes_a_search(alice, charlie):
    search = saved_search_create(user=alice, name="mine", filters={}, frequency="daily")

    with pytest.raises(Http404):
        saved_search_delete(user=charlie, saved_search_id=search.pk)
    saved_search_delete(user=alice, saved_search_id=search.pk)

    assert not SavedSearch.objects.exists()


def test_unsubscribing_with_the_token(alice):
    search = saved_search_create(user=alice, name="mine", filters={}, frequency="daily")

    saved_search_unsubscribe(token=saved_search_unsubscribe_token(saved_search=search))

    search.refresh_from_db()
    assert not search.active


def test_a_tampered_token_is_refused(alice, bob):
    mine = saved_search_create(user=alice, name="mine", filters={}, frequency="daily")
    theirs = saved_search_create(user=bob, name="theirs", filters={}, frequency="daily")
    token = saved_search_unsubscribe_token(saved_search=mine)
    # The same signature over another id, and a signature for another purpose.
    forged = signing.dumps(theirs.pk, salt=alerts.UNSUBSCRIBE_SALT).split(":")[0] + ":" + token.split(":", 1)[1]
    other_purpose = signing.dumps(theirs.pk)

    for bad in (forged, other_purpose, token + "x", "123", ""):
        with pytest.raises(Http404):
            saved_search_unsubscribe(token=bad)

    theirs.refresh_from_db()
    assert theirs.active
