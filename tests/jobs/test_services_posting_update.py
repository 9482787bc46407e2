from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from codingdesk.jobs.models import PostingStatus, ReviewFlag
from codingdesk.jobs.services.postings import job_posting_update


def test_it_changes_a_draft(employer_user, draft_posting):
    posting = job_posting_update(posting=draft_posting, user=employer_user, fields={"title": "Coding auditor"})

    posting.refresh_from_db()
    assert posting.title == "Coding auditor"
    assert posting.status == PostingStatus.DRAFT


def test_a_trusted_employers_published_posting_stays_published(employer_user, employer, published_posting):
    employer.is_trusted = True
    employer.save()

    posting = job_posting_update(posting=published_posting, user=employer_user, fields={"title": "Senior coder"})

    assert posting.status == PostingStatus.PUBLISHED


def test_editing_a_published_posting_keeps_its_expiry(employer_user, employer, published_posting):
    employer.is_trusted = True
    employer.save()
    expires_at = published_posting.expires_at

    job_posting_update(posting=published_posting, user=employer_user, fields={"title": "Senior coder"})

    published_posting.refresh_from_db()
    assert published_posting.status == PostingStatus.PUBLISHED
    assert published_posting.expires_at == expires_at


def test_a_flagged_edit_sends_a_published_posting_back_for_review(employer_user, employer, published_posting):
    employer.is_trusted = True
    employer.save()

    posting = job_posting_update(
        posting=published_posting,
        user=employer_user,
        fields={"description": "Buy the equipment with a gift card; we reimburse you."},
    )

    assert posting.status == PostingStatus.SUBMITTED
    assert ReviewFlag.PAYMENT_REQUEST in posting.review_flags


def test_an_untrusted_employers_edit_is_reviewed_again(employer_user, published_posting):
    posting = job_posting_update(posting=published_posting, user=employer_user, fields={"pay_max": 40})

    assert posting.status == PostingStatus.SUBMITTED


def test_another_employer_cannot_change_it(other_employer_user, other_employer, draft_posting):
    with pytest.raises(PermissionDenied):
        job_posting_update(posting=draft_posting, user=other_employer_user, fields={"title": "Mine now"})

    draft_posting.refresh_from_db()
    assert draft_posting.title != "Mine now"


def test_a_closed_posting_cannot_be_edited(employer_user, make_posting):
    closed = make_posting(PostingStatus.CLOSED)

    with pytest.raises(ValidationError, match="no longer be edited"):
        job_posting_update(posting=closed, user=employer_user, fields={"title": "Reopened"})


def test_editing_a_reported_posting_keeps_it_in_review(employer_user, employer, make_posting):
    employer.is_trusted = True
    employer.save()
    reported = make_posting(PostingStatus.SUBMITTED, review_flags=[ReviewFlag.REPORTED])

    posting = job_posting_update(posting=reported, user=employer_user, fields={"title": "Totally legit"})

    assert posting.status == PostingStatus.SUBMITTED
    assert posting.review_flags == [ReviewFlag.REPORTED]


XSS = (
    'Great job <script>alert("x")</script> <img src=x onerror="alert(1)"> '
    '<a href="javascript:alert(2)" onclick="steal()">apply</a> <style>body{display:none}</style> '
    "[click](javascript:alert(3)) **bold**"
)


class _Elements(HTMLParser):
    """The (tag, attributes) of every element a browser would build."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_no_script_style_or_event_attribute_survives_in_the_description(employer_user, draft_posting):
    posting = job_posting_update(posting=draft_posting, user=employer_user, fields={"description": XSS})

    parser = _Elements()
    parser.feed(posting.description_html)
    # The raw HTML is shown as text, the javascript: link is not a link; only Markdown's own markup is built.
    assert {tag for tag, _ in parser.found} == {"p", "strong"}
    assert all(not attributes for _, attributes in parser.found)


def test_an_edited_draft_is_submitted_when_asked(employer_user, draft_posting):
    posting = job_posting_update(posting=draft_posting, user=employer_user, fields={"title": "Coder"}, submit=True)

    posting.refresh_from_db()
    assert (posting.title, posting.status) == ("Coder", PostingStatus.SUBMITTED)
