"""/jobs/: the search page, its filters and its shareable pages."""

import datetime

import pytest
from django.utils import timezone

from codingdesk.jobs.models import PostingStatus
from codingdesk.jobs.views import seeker


@pytest.fixture
def published(make_posting):
    return lambda **fields: make_posting(PostingStatus.PUBLISHED, **fields)


def test_it_lists_published_jobs_for_anyone(client, published, draft_posting):
    published(title="Remote HCC coder")

    response = client.get("/jobs/")

    assert response.status_code == 200
    assert "Remote HCC coder" in response.text
    assert draft_posting.title not in response.text
    assert "1 job" in response.text


def test_filters_are_get_parameters(client, published):
    published(title="Texas auditor", location_type="onsite", city="Austin", state="TX", specialties=["auditing"])
    published(title="Idaho auditor", location_type="onsite", city="Boise", state="ID", specialties=["auditing"])

    response = client.get("/jobs/", {"q": "auditor", "state": "TX", "specialty": "auditing", "remote": "false"})

    assert "Texas auditor" in response.text
    assert "Idaho auditor" not in response.text


def test_the_apprentices_checkbox(client, published):
    published(title="Apprentice friendly", apprentices_welcome=True)
    published(title="Experienced only", apprentices_welcome=False)

    response = client.get("/jobs/", {"apprentices": "on"})

    assert "Apprentice friendly" in response.text
    assert "Experienced only" not in response.text


def test_pages_keep_the_filters_in_their_links(client, published, monkeypatch):
    monkeypatch.setattr(seeker, "PAGE_SIZE", 2)
    for day in range(5):
        published(
            title=f"CRC job {day}", credentials=["CRC"], published_at=timezone.now() - datetime.timedelta(days=day)
        )
    published(title="CPC job", credentials=["CPC"])

    first = client.get("/jobs/", {"credential": "CRC"})
    assert 'href="?credential=CRC&amp;page=2"' in first.text

    second = client.get("/jobs/", {"credential": "CRC", "page": 2})
    assert "CRC job 2" in second.text and "CRC job 3" in second.text
    assert "CRC job 0" not in second.text and "CPC job" not in second.text
    assert "page 2 of 3" in second.text


def test_bad_parameters_are_a_400_with_the_form_errors(client, published):
    response = client.get("/jobs/", {"state": "Atlantis", "pay_min": "lots"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.text


def test_a_logged_in_user_can_save_the_search_with_its_filters(client, alice):
    client.force_login(alice)

    response = client.get("/jobs/", {"q": "coder", "remote": "true"})

    assert '<input type="hidden" name="q" value="coder">' in response.text
    assert '<input type="hidden" name="remote" value="true">' in response.text
    assert "Save this search" in response.text


def test_the_page_links_the_feed(client, db):
    assert 'type="application/atom+xml"' in client.get("/jobs/").text


def test_keywords_rank_by_relevance_unless_newest_is_asked_for(client, published):
    in_title = published(title="Surgery coder", published_at=timezone.now() - datetime.timedelta(days=3))
    in_text = published(title="Coder", description="Some surgery cases")

    relevance = client.get("/jobs/", {"q": "surgery"}).context["page"].object_list
    newest = client.get("/jobs/", {"q": "surgery", "sort": "newest"}).context["page"].object_list

    assert list(relevance) == [in_title, in_text]
    assert list(newest) == [in_text, in_title]


def test_remote_false_lists_only_on_site_and_hybrid_jobs(client, published):
    published(title="Remote coder")
    published(title="Tulsa coder", location_type="onsite", city="Tulsa", state="OK")
    published(title="Austin coder", location_type="hybrid", city="Austin", state="TX")

    response = client.get("/jobs/", {"remote": "false"})

    assert "Tulsa coder" in response.text and "Austin coder" in response.text
    assert "Remote coder" not in response.text


def test_sort_relevance_is_accepted_as_the_api_spells_it(client, published):
    in_title = published(title="Surgery coder", published_at=timezone.now() - datetime.timedelta(days=3))
    in_text = published(title="Coder", description="Some surgery cases")

    response = client.get("/jobs/", {"q": "surgery", "sort": "relevance"})

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [in_title, in_text]


def test_the_apprentice_filter_names_every_a_credential(client, published):
    published(title="Apprentice friendly", apprentices_welcome=True)

    response = client.get("/jobs/")

    assert "Apprentices (-A credentials) welcome" in response.text
    assert "CPC-A apprentices welcome" not in response.text
