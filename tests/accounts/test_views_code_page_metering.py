"""The code page under metering: what it says, marks and hides."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from codingdesk.accounts.models import CodeView, PlanName
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    return outcome.release


def open_code(client, code, **extra):
    return client.get(reverse("codesets:code_detail", kwargs={"system": "icd10cm", "code": code}), **extra)


def main_attributes(response) -> str:
    return re.search(r"<main [^>]*>", response.content.decode()).group(0)


def test_a_guest_page_says_how_many_views_remain(client, release, metering):
    response = open_code(client, "E11.9")
    html = response.content.decode()
    assert "0 code page views remaining" in html
    assert 'data-views-remaining="0"' in main_attributes(response)
    assert "data-metering" not in main_attributes(response)


def test_a_spent_allowance_shows_the_code_and_descriptor_and_a_prompt(client, release, metering):
    open_code(client, "E11.9")
    response = open_code(client, "S13.4XXA")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-metering="exhausted"' in main_attributes(response)
    assert "Sprain of ligaments of cervical spine, initial encounter" in html
    assert "Register free" in html and "Log in" in html
    assert "In plain English" not in html and "7th characters" not in html


def test_clearing_cookies_does_not_grant_new_views(release, metering):
    first_browser = Client()
    open_code(first_browser, "E11.9")
    assert "codingdesk_guest" in first_browser.cookies
    response = open_code(Client(), "S13.4XXA")  # no cookies, same address
    assert 'data-metering="exhausted"' in main_attributes(response)


def test_the_guest_cookie_is_signed(client, release, metering):
    open_code(client, "E11.9")
    client.cookies["codingdesk_guest"] = "forged-id"
    response = open_code(client, "E15", REMOTE_ADDR="10.0.0.9")
    # A forged cookie is ignored: the guest gets a new id (and new address, so a view).
    assert response.cookies["codingdesk_guest"].value != "forged-id"


def test_raw_addresses_are_never_stored(client, release, metering):
    open_code(client, "E11.9", REMOTE_ADDR="203.0.113.7")
    (row,) = CodeView.objects.values()
    assert "203.0.113.7" not in str(row)
    assert len(row["ip_hash"]) == 64


def test_guests_see_register_to_view_in_gated_sections(client, release, metering):
    html = open_code(client, "S13.4XXA").content.decode()
    assert 'data-gated="notes"' in html
    assert "Register to view" in html
    assert "Whiplash injury of cervical spine" not in html  # an inclusion note


def test_members_see_the_gated_sections(client, release, metering, alice):
    client.force_login(alice)
    html = open_code(client, "S13.4XXA").content.decode()
    assert "Whiplash injury of cervical spine" in html
    assert "data-gated" not in html
    assert "4 code page views remaining" in html


def test_a_member_who_used_the_allowance_is_asked_to_upgrade(client, release, metering, alice):
    client.force_login(alice)
    for code in ["E11.9", "S13.4XXA", "S13.4XXD", "S13.4XXS", "S13.4"]:
        assert open_code(client, code).status_code == 200
    response = open_code(client, "E15")
    assert 'data-metering="exhausted"' in main_attributes(response)
    assert "Upgrade to keep reading" in response.content.decode()


def test_a_pro_member_has_no_count_and_no_marks(client, release, metering, alice):
    alice.plan = PlanName.PRO
    alice.save()
    client.force_login(alice)
    response = open_code(client, "E11.9")
    assert "Unlimited code page views on the Pro plan" in response.content.decode()
    assert "data-views-remaining" not in main_attributes(response)


def test_search_and_browsing_are_not_metered(client, release, metering):
    client.get(reverse("search:results"), {"q": "diabetes"})
    client.get(reverse("codesets:system_browse", kwargs={"system": "icd10cm"}))
    client.get(reverse("codesets:system_list"))
    assert CodeView.objects.count() == 0


def test_an_unknown_code_is_not_metered(client, release, metering):
    assert open_code(client, "Q99.99").status_code == 404
    assert CodeView.objects.count() == 0


def test_with_metering_off_the_page_has_no_marks(client, release):
    response = open_code(client, "E11.9")
    assert "data-views-remaining" not in main_attributes(response)
    assert "code page views remaining" not in response.content.decode()


def test_the_gated_sections_are_configurable(client, release, metering):
    metering.METERING_GUEST_GATED_SECTIONS = ["related"]
    html = open_code(client, "S13").content.decode()
    assert 'data-gated="related"' in html  # the codes under S13
    assert 'data-gated="notes"' not in html
    assert "intracranial injury (S06.-)" in html  # the Excludes2 note on S13
