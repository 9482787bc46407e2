"""No page carries inline script or inline style: the Content-Security-Policy
(script-src 'self', style-src 'self') would block it, so a page that relied
on it would break in the browser, and allowing it would weaken the policy."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from codingdesk import search
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

CODE_PAGE = ("codesets:code_detail", {"system": "icd10cm", "code": "E11.9"})

# (name, url name, kwargs, query, signed in)
PAGES = [
    ("home", "codesets:home", {}, "", False),
    ("search results", "search:results", {}, "?q=diabetes", False),
    ("code page for a guest", *CODE_PAGE, "", False),
    ("code page for a member", *CODE_PAGE, "", True),
    ("login", "account_login", {}, "", False),
    ("signup", "account_signup", {}, "", False),
    ("password reset", "account_reset_password", {}, "", False),
    ("password change", "account_change_password", {}, "", True),
    ("email addresses", "account_email", {}, "", True),
    ("account profile", "accounts:profile", {}, "", True),
    ("favorites", "accounts:favorite_list", {}, "", True),
    ("notes", "accounts:code_note_list", {}, "", True),
    ("search history", "accounts:search_history", {}, "", True),
    ("API keys", "accounts:api_key_list", {}, "", True),
    ("team", "accounts:team", {}, "", True),
    ("claim scrubber", "claims:scrubber", {}, "", False),
    ("assistant chat", "assistant:chat", {}, "", True),
    ("PTP pair check", "edits:ptp_tool", {}, "?codes=11042,97597-59", False),
    ("MUE check", "edits:mue_tool", {}, "?code=97110&units=8", False),
    ("fee lookup", "fees:fee_tool", {}, "?code=99213&locality=10112-00", False),
    ("API docs", "api:openapi-view", {}, "", False),
    ("admin login", "admin:login", {}, "", False),
]

# Browsers never execute these: they are data read by a script file.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class _InlineCodeAudit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src"):
            if (attributes.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
                self.problems.append(f"inline <script {attrs}>")
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")


@pytest.fixture
def indexed_release(db, tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    search.index_rebuild()
    return outcome.release


@pytest.mark.parametrize(("page", "name", "kwargs", "query", "signed_in"), PAGES, ids=[page[0] for page in PAGES])
def test_a_page_has_no_inline_script_event_handler_or_style(
    client, alice, indexed_release, page, name, kwargs, query, signed_in
):
    if signed_in:
        client.force_login(alice)
    response = client.get(reverse(name, kwargs=kwargs) + query, follow=True)
    assert response.status_code == 200
    audit = _InlineCodeAudit()
    audit.feed(response.content.decode())
    assert audit.problems == []


def test_the_audit_catches_each_kind_of_inline_code():
    audit = _InlineCodeAudit()
    audit.feed(
        '<script>alert(1)</script><script type="application/json">{}</script><script src="/a.js"></script>'
        '<button onclick="x()">b</button><p style="color:red">p</p><style>p{}</style>'
        '<a href="javascript:x()">a</a>'
    )
    assert len(audit.problems) == 5
