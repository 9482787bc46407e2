"""/jobs/feed/: an Atom feed of the newest published jobs."""

import datetime
from xml.etree import ElementTree

from django.utils import timezone

from codingdesk.jobs.models import PostingStatus

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_lists_published_jobs_newest_first(client, make_posting):
    older = make_posting(
        PostingStatus.PUBLISHED, title="Older job", published_at=timezone.now() - datetime.timedelta(days=2)
    )
    newer = make_posting(PostingStatus.PUBLISHED, title="Newer job", description="**Paid** <script>x</script>")
    make_posting(PostingStatus.SUBMITTED, title="Waiting job")

    response = client.get("/jobs/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert titles == ["Newer job · Valley Clinic · Remote (US)", "Older job · Valley Clinic · Remote (US)"]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [f"http://testserver/jobs/{newer.pk}/", f"http://testserver/jobs/{older.pk}/"]
    summary = entries[0].find(f"{ATOM}summary").text
    assert "<strong>Paid</strong>" in summary and "<script>" not in summary
