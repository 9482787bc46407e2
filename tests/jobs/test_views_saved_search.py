"""/jobs/saved-searches/: save a search from the job list, list, delete;
and the unsubscribe page."""

from django.test import Client

from codingdesk.jobs.models import SavedSearch
from codingdesk.jobs.services.alerts import saved_search_create, saved_search_unsubscribe_token


def test_saving_the_search_from_the_job_list(client, alice):
    client.force_login(alice)

    response = client.post(
        "/jobs/saved-searches/",
        {"q": "coder", "remote": "true", "credential": "CRC", "name": "Remote CRC", "frequency": "weekly"},
        follow=True,
    )

    assert "Search saved" in response.text
    search = SavedSearch.objects.get()
    assert (search.user, search.name, search.frequency) == (alice, "Remote CRC", "weekly")
    assert search.filters == {"q": "coder", "remote": True, "credential": "CRC"}
    assert '<a href="/jobs/?q=coder&amp;remote=true&amp;credential=CRC">Remote CRC</a>' in response.text


def test_bad_filters_are_not_saved(client, alice):
    client.force_login(alice)

    response = client.post("/jobs/saved-searches/", {"state": "Atlantis", "frequency": "daily"}, follow=True)

    assert "could not be saved" in response.text
    assert not SavedSearch.objects.exists()


def test_saved_searches_need_a_login(client, db):
    assert client.get("/jobs/saved-searches/").status_code == 302
    assert client.post("/jobs/saved-searches/", {"frequency": "daily"}).status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_list_shows_only_mine_and_i_can_delete_mine_only(client, alice, charlie):
    mine = saved_search_create(user=alice, name="Mine", filters={}, frequency="daily")
    theirs = saved_search_create(user=charlie, name="Theirs", filters={}, frequency="daily")
    client.force_login(alice)

    page = client.get("/jobs/saved-searches/").text
    assert "Mine" in page and "Theirs" not in page

    assert client.post(f"/jobs/saved-searches/{theirs.pk}/delete/").status_code == 404
    assert client.post(f"/jobs/saved-searches/{mine.pk}/delete/").status_code == 302
    assert list(SavedSearch.objects.all()) == [theirs]


def test_unsubscribing_works_without_a_login_or_cookies(alice):
    search = saved_search_create(user=alice, name="Mine", filters={}, frequency="daily")
    url = f"/jobs/alerts/unsubscribe/{saved_search_unsubscribe_token(saved_search=search)}/"
    # A mail client's one-click unsubscribe (RFC 8058): a bare POST.
    client = Client(enforce_csrf_checks=True)

    page = client.get(url)
    assert page.status_code == 200 and "Stop job alerts?" in page.text
    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    search.refresh_from_db()
    assert not search.active


def test_a_bad_unsubscribe_token_is_404(client, db):
    assert client.get("/jobs/alerts/unsubscribe/nonsense/").status_code == 404
    assert client.post("/jobs/alerts/unsubscribe/nonsense/").status_code == 404


def test_saving_an_on_site_only_search_keeps_remote_false(client, alice):
    client.force_login(alice)

    client.post("/jobs/saved-searches/", {"remote": "false", "name": "Local", "frequency": "daily"})

    assert SavedSearch.objects.get().filters == {"remote": False}
