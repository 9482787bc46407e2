"""saved_search_alerts_send: daily and weekly digests of new matches, each
with a working unsubscribe link."""

import datetime
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.utils import timezone

from codingdesk.jobs.models import PostingStatus, SavedSearch
from codingdesk.jobs.services.alerts import saved_search_alerts_send, saved_search_create
from codingdesk.jobs.tasks import saved_search_alerts_send_task

NOW = timezone.now()


def ago(**delta) -> datetime.datetime:
    return NOW - datetime.timedelta(**delta)


@pytest.fixture
def saved_search(alice):
    """alice's daily search for remote CRC jobs, last sent a day ago."""
    search = saved_search_create(
        user=alice, name="Remote CRC", filters={"remote": True, "credential": "CRC"}, frequency="daily"
    )
    SavedSearch.objects.filter(pk=search.pk).update(last_sent_at=ago(days=1))
    search.refresh_from_db()
    return search


@pytest.fixture
def published(make_posting):
    return lambda **fields: make_posting(PostingStatus.PUBLISHED, **fields)


def test_a_daily_digest_lists_matches_published_since_the_last_one(saved_search, published, settings):
    new_match = published(title="Risk adjustment coder", credentials=["CRC"], published_at=ago(hours=3))
    published(title="Old CRC job", credentials=["CRC"], published_at=ago(days=2))
    published(title="On-site CRC job", credentials=["CRC"], location_type="onsite", city="Tulsa", state="OK",
              published_at=ago(hours=3))  # fmt: skip
    published(title="Remote CPC job", credentials=["CPC"], published_at=ago(hours=3))

    assert saved_search_alerts_send(now=NOW) == 1

    [email] = mail.outbox
    assert email.to == ["alice@example.com"]
    assert email.subject == '[CodingDesk] 1 new job for "Remote CRC"'
    assert "Risk adjustment coder" in email.body
    assert f"{settings.SITE_URL}/jobs/{new_match.pk}/" in email.body
    assert "Old CRC job" not in email.body and "On-site" not in email.body and "CPC job" not in email.body
    assert f"{settings.SITE_URL}/jobs/?remote=true&credential=CRC" in email.body
    html = email.alternatives[0].content
    assert "Risk adjustment coder" in html and "Unsubscribe" in html
    saved_search.refresh_from_db()
    assert saved_search.last_sent_at == NOW


def test_every_digest_has_an_unsubscribe_link_that_works_without_login(client, saved_search, published):
    published(credentials=["CRC"], published_at=ago(hours=1))
    saved_search_alerts_send(now=NOW)
    [email] = mail.outbox
    unsubscribe_url = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert f"Unsubscribe: {unsubscribe_url}" in email.body

    path = urlparse(unsubscribe_url).path
    assert client.get(path).status_code == 200  # a confirmation page: link scanners only GET
    saved_search.refresh_from_db()
    assert saved_search.active

    response = client.post(path)

    assert response.status_code == 200
    assert "no more emails" in response.text
    saved_search.refresh_from_db()
    assert not saved_search.active
    published(credentials=["CRC"], published_at=NOW + datetime.timedelta(hours=1))
    assert saved_search_alerts_send(now=NOW + datetime.timedelta(days=2)) == 0


def test_a_digest_is_not_sent_again_before_its_period(saved_search, published):
    published(credentials=["CRC"], published_at=ago(hours=1))
    saved_search_alerts_send(now=NOW)
    published(credentials=["CRC"], published_at=NOW + datetime.timedelta(minutes=5))

    assert saved_search_alerts_send(now=NOW + datetime.timedelta(hours=6)) == 0
    assert saved_search_alerts_send(now=NOW + datetime.timedelta(hours=23, minutes=45)) == 1
    assert len(mail.outbox) == 2


def test_weekly_searches_wait_a_week(alice, published):
    search = saved_search_create(user=alice, name="Any", filters={}, frequency="weekly")
    SavedSearch.objects.filter(pk=search.pk).update(last_sent_at=ago(days=3))
    published(published_at=ago(days=1))

    assert saved_search_alerts_send(now=NOW) == 0
    assert saved_search_alerts_send(now=NOW + datetime.timedelta(days=4)) == 1


def test_a_new_search_covers_postings_published_after_it_was_saved(alice, published):
    search = saved_search_create(user=alice, name="Any", filters={}, frequency="daily")
    SavedSearch.objects.filter(pk=search.pk).update(created_at=ago(days=1, minutes=5))
    published(title="Before saving", published_at=ago(days=2))
    published(title="After saving", published_at=ago(hours=2))

    assert saved_search_alerts_send(now=NOW) == 1
    assert "After saving" in mail.outbox[0].body
    assert "Before saving" not in mail.outbox[0].body


def test_no_new_matches_no_email(saved_search):
    assert saved_search_alerts_send(now=NOW) == 0
    assert mail.outbox == []


def test_the_task_sends_the_due_digests(saved_search, published):
    published(credentials=["CRC"], published_at=timezone.now() - datetime.timedelta(hours=1))

    assert saved_search_alerts_send_task.call() == {"sent": 1}


def test_a_search_with_filters_no_longer_valid_does_not_stop_the_others(alice, bob, published, caplog):
    broken = saved_search_create(user=alice, name="Old", filters={}, frequency="daily")
    SavedSearch.objects.filter(pk=broken.pk).update(filters={"credential": "RETIRED"}, last_sent_at=ago(days=1))
    fine = saved_search_create(user=bob, name="Any", filters={}, frequency="daily")
    SavedSearch.objects.filter(pk=fine.pk).update(last_sent_at=ago(days=1))
    published(published_at=ago(hours=1))

    assert saved_search_alerts_send(now=NOW) == 1

    assert [email.to for email in mail.outbox] == [["bob@example.com"]]
    assert f"Saved search {broken.pk}: the digest was not sent" in caplog.text


def test_a_weekly_digest_ignores_a_saved_posted_within_filter(alice, published):
    search = saved_search_create(user=alice, name="Fresh", filters={"posted_within_days": 1}, frequency="weekly")
    SavedSearch.objects.filter(pk=search.pk).update(last_sent_at=ago(days=7))
    published(title="Three days old", published_at=ago(days=3))

    assert saved_search_alerts_send(now=NOW) == 1
    assert "Three days old" in mail.outbox[0].body


def test_a_failed_digest_is_sent_again_on_the_next_run(saved_search, published, monkeypatch):
    published(title="CRC coder", credentials=["CRC"], published_at=ago(hours=3))
    previous = saved_search.last_sent_at

    def smtp_down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP is down")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMultiAlternatives.send", smtp_down)
        assert saved_search_alerts_send(now=NOW) == 0
    saved_search.refresh_from_db()
    assert saved_search.last_sent_at == previous

    assert saved_search_alerts_send(now=NOW + datetime.timedelta(hours=1)) == 1
    assert "CRC coder" in mail.outbox[0].body
