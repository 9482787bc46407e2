"""No open redirects: after logging in (or out) a visitor lands on this site,
whatever ``next`` a link to the login page carried."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FOREIGN_TARGETS = [
    "https://evil.example/",
    "http://evil.example/account/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "https://testserver.evil.example/",
]


def log_in(client, user, password, *, next_in: str, target: str):
    form = {"login": user.email, "password": password}
    url = reverse("account_login")
    if next_in == "form":
        form["next"] = target
    else:
        url += "?" + urlencode({"next": target})
    return client.post(url, form)


@pytest.mark.parametrize("next_in", ["form", "query"])
@pytest.mark.parametrize("target", FOREIGN_TARGETS)
def test_login_never_redirects_to_another_site(client, alice, password, next_in, target):
    response = log_in(client, alice, password, next_in=next_in, target=target)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")


@pytest.mark.parametrize("next_in", ["form", "query"])
def test_login_follows_a_next_on_this_site(client, alice, password, next_in):
    target = reverse("codesets:code_detail", kwargs={"system": "icd10cm", "code": "E11.9"})
    response = log_in(client, alice, password, next_in=next_in, target=target)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize("target", FOREIGN_TARGETS)
def test_logout_never_redirects_to_another_site(client, alice, target):
    client.force_login(alice)
    response = client.post(reverse("account_logout"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
