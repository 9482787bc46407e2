"""Every form is protected against cross-site request forgery.

The URL list is read from the URLconf rather than typed out, so a form added
under /account/ (ours or django-allauth's) is covered without touching this
file; the names the brief lists are asserted to be among them.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from codingdesk import search
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db


def _named_urls(resolver=None, prefix="", namespace=""):
    """(url name, full route) of every named pattern, namespaces included."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from _named_urls(pattern, prefix + str(pattern.pattern), inner)
        elif pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern), list(pattern.pattern.regex.groupindex)


# Everything under /account/: our member pages and all of allauth's.
ACCOUNT_URLS = {
    name: arguments for name, route, arguments in _named_urls() if route.lstrip("^").startswith("account/")
}
# The API authenticates with a key in a header, never a cookie, so CSRF does
# not apply there; the admin is Django's and is checked through its login.
OTHER_FORMS = {
    "admin:login": [],
    "assistant:ask": [],
    "claims:scrubber": [],
}

FORMS_THE_SITE_MUST_PROTECT = {
    "account_login", "account_signup", "account_logout", "account_reset_password",
    "account_change_password", "account_email", "account_reset_password_from_key",
    "accounts:favorite_toggle", "accounts:code_note_save", "accounts:search_history_settings",
    "accounts:search_history_clear", "accounts:api_key_list", "accounts:api_key_revoke",
    "accounts:team_invite", "accounts:team", "accounts:team_join",
}


def url_for(name: str, arguments: list[str]) -> str:
    # "1" satisfies the int, str, slug and path converters and allauth's regexes.
    return reverse(name, kwargs={argument: "1" for argument in arguments})


def test_the_sweep_covers_every_form_the_site_has():
    assert FORMS_THE_SITE_MUST_PROTECT <= set(ACCOUNT_URLS)


@pytest.fixture
def csrf_client(request, alice):
    """A browser that holds a CSRF cookie (as any visitor does) but whose
    POST, made by another site, cannot carry the token."""
    client = Client(enforce_csrf_checks=True)
    if request.param == "member":
        client.force_login(alice)
        client.get(reverse("codesets:home"))  # the header's log-out form sets the cookie
    else:
        client.get(reverse("account_login"))
    assert "csrftoken" in client.cookies
    return client


@pytest.mark.parametrize("csrf_client", ["guest", "member"], indirect=True)
@pytest.mark.parametrize("name", sorted({**ACCOUNT_URLS, **OTHER_FORMS}))
def test_a_post_without_a_csrf_token_is_refused(csrf_client, name):
    arguments = {**ACCOUNT_URLS, **OTHER_FORMS}[name]
    response = csrf_client.post(url_for(name, arguments), {"email": "x@example.com", "text": "x", "name": "x"})
    assert response.status_code == 403


def test_a_post_without_any_csrf_cookie_is_refused(alice, password):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": alice.email, "password": password})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


class _FormAudit(HTMLParser):
    """Finds POST forms without a csrfmiddlewaretoken input, and htmx
    requests that change state from outside such a form."""

    HTMX_WRITES = ("hx-post", "hx-put", "hx-patch", "hx-delete")

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.form: dict | None = None
        self.csrf_header_on_body = False
        self.post_forms = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body" and "X-CSRFToken" in (attributes.get("hx-headers") or ""):
            self.csrf_header_on_body = True
        if tag == "form":
            is_post = (attributes.get("method") or "get").lower() == "post" or any(
                attribute in attributes for attribute in self.HTMX_WRITES
            )
            self.form = {"post": is_post, "token": False, "action": attributes.get("action", "")}
            self.post_forms += is_post
        elif tag == "input" and attributes.get("name") == "csrfmiddlewaretoken" and self.form:
            self.form["token"] = bool(attributes.get("value"))
        elif self.form is None and not self.csrf_header_on_body:
            for attribute in self.HTMX_WRITES:
                if attribute in attributes:
                    self.problems.append(f"<{tag} {attribute}={attributes[attribute]!r}> is outside any form")

    def handle_endtag(self, tag):
        if tag == "form" and self.form:
            if self.form["post"] and not self.form["token"]:
                self.problems.append(f"POST form to {self.form['action']!r} has no csrfmiddlewaretoken")
            self.form = None


@pytest.fixture
def indexed_release(db, tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    search.index_rebuild()
    return outcome.release


# The pages a member reads; each extends base.html, so each has at least the
# header's log-out form.
MEMBER_PAGES = [
    ("codesets:home", {}, ""),
    ("search:results", {}, "?q=diabetes"),
    ("codesets:code_detail", {"system": "icd10cm", "code": "E11.9"}, ""),
    ("account_change_password", {}, ""),
    ("account_email", {}, ""),
    ("accounts:profile", {}, ""),
    ("accounts:favorite_list", {}, ""),
    ("accounts:code_note_list", {}, ""),
    ("accounts:search_history", {}, ""),
    ("accounts:api_key_list", {}, ""),
    ("accounts:team", {}, ""),
    ("claims:scrubber", {}, ""),
    ("assistant:chat", {}, ""),
]
GUEST_PAGES = [
    ("codesets:home", {}, ""),
    ("codesets:code_detail", {"system": "icd10cm", "code": "E11.9"}, ""),
    ("account_login", {}, ""),
    ("account_signup", {}, ""),
    ("account_reset_password", {}, ""),
    ("claims:scrubber", {}, ""),
    ("edits:ptp_tool", {}, ""),
    ("edits:mue_tool", {}, ""),
    ("fees:fee_tool", {}, ""),
]


def _audit(response) -> _FormAudit:
    audit = _FormAudit()
    audit.feed(response.content.decode())
    return audit


@pytest.mark.parametrize(("name", "kwargs", "query"), MEMBER_PAGES, ids=[page[0] for page in MEMBER_PAGES])
def test_every_post_form_on_a_member_page_carries_a_csrf_token(client, alice, indexed_release, name, kwargs, query):
    client.force_login(alice)
    response = client.get(reverse(name, kwargs=kwargs) + query)
    assert response.status_code == 200
    audit = _audit(response)
    assert audit.problems == []
    assert audit.post_forms >= 1  # at least the header's log-out form was audited


@pytest.mark.parametrize(("name", "kwargs", "query"), GUEST_PAGES, ids=[page[0] for page in GUEST_PAGES])
def test_every_post_form_on_a_guest_page_carries_a_csrf_token(client, indexed_release, name, kwargs, query):
    response = client.get(reverse(name, kwargs=kwargs) + query)
    assert response.status_code == 200
    assert _audit(response).problems == []


@pytest.mark.parametrize("name", sorted(name for name, arguments in ACCOUNT_URLS.items() if not arguments))
def test_any_other_account_page_a_get_renders_has_tokens_in_its_forms(client, alice, name):
    """Pages added later are audited too; a POST-only URL renders nothing to audit."""
    client.force_login(alice)
    response = client.get(reverse(name))
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert _audit(response).problems == []


def test_the_code_page_star_and_note_forms_carry_a_csrf_token(client, alice, indexed_release):
    client.force_login(alice)
    response = client.get(reverse("codesets:code_detail", kwargs={"system": "icd10cm", "code": "E11.9"}))
    audit = _audit(response)
    assert audit.problems == []
    assert audit.post_forms >= 3  # log out, favorite star, personal note


def test_the_audit_catches_a_post_form_without_a_token_and_a_bare_htmx_post():
    audit = _FormAudit()
    audit.feed(
        '<form method="post" action="/a"><input name="csrfmiddlewaretoken" value="t"></form>'
        '<form method="POST" action="/b"><button>b</button></form>'
        '<form method="get" action="/c"></form>'
        '<button hx-post="/d">d</button>'
    )
    assert audit.post_forms == 2
    assert len(audit.problems) == 2
