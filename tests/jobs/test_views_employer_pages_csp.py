"""The employer and moderation pages carry no inline script, inline style or
event attribute: the Content-Security-Policy would block them."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from codingdesk.jobs.models import PostingStatus, ReviewFlag
from tests.jobs.factories import JobReportFactory


class InlineAudit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            self.problems.append("inline <script>")
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
        if tag == "style":
            self.problems.append("<style>")


@pytest.fixture
def pages(employer_user, staff_user, alice, make_posting):
    posting = make_posting(PostingStatus.SUBMITTED, review_flags=[ReviewFlag.NEW_EMPLOYER], review_note="Fix pay.")
    published = make_posting(PostingStatus.PUBLISHED)
    JobReportFactory(posting=published)
    return [
        (employer_user, reverse("jobs:employer_profile")),
        (employer_user, reverse("jobs:employer_dashboard")),
        (employer_user, reverse("jobs:posting_create")),
        (employer_user, reverse("jobs:posting_edit", kwargs={"posting_id": posting.pk})),
        (employer_user, reverse("jobs:employer_posting", kwargs={"posting_id": posting.pk})),
        (employer_user, reverse("jobs:employer_posting", kwargs={"posting_id": published.pk})),
        (staff_user, reverse("jobs:moderation_queue")),
        (alice, reverse("jobs:posting_report", kwargs={"pk": published.pk})),
    ]


def test_no_page_has_inline_script_or_style(client, pages):
    for user, url in pages:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        audit = InlineAudit()
        audit.feed(response.content.decode())
        assert audit.problems == [], url
