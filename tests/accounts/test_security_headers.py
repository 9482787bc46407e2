"""Security headers on pages, API answers and the admin login."""

import pytest
from django.urls import reverse

from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

URLS = {
    "home page": lambda: reverse("codesets:home"),
    "code page": lambda: reverse("codesets:code_detail", kwargs={"system": "icd10cm", "code": "E11.9"}),
    "login page": lambda: reverse("account_login"),
    "API answer": lambda: "/api/v1/systems",
    "API error": lambda: "/api/v1/no-such-thing",
    "API docs": lambda: "/api/docs",
    "admin login": lambda: reverse("admin:login"),
}


@pytest.fixture
def release(db, tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    return outcome.release


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture(params=list(URLS))
def response(request, client, release):
    return client.get(URLS[request.param]())


def test_the_content_security_policy_allows_only_our_own_scripts(response):
    directives = csp_directives(response["Content-Security-Policy"])
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]


def test_the_content_security_policy_allows_no_inline_script_or_style(response):
    directives = csp_directives(response["Content-Security-Policy"])
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in directives.get(directive, [])
        assert "'unsafe-eval'" not in directives.get(directive, [])


def test_the_policy_is_enforced_not_only_reported(response):
    assert "Content-Security-Policy-Report-Only" not in response


def test_no_other_site_may_frame_a_page(response):
    assert response["X-Frame-Options"] == "DENY"
    assert csp_directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


def test_browsers_may_not_sniff_content_types(response):
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_referrer_stays_on_the_site(response):
    assert response["Referrer-Policy"] == "same-origin"
