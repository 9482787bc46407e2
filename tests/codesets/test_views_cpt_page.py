"""CPT code pages, browsing and release changes, with and without a CPT licence."""

import pytest

from codingdesk.accounts.metering import CodePageAccess
from codingdesk.codesets import cpt, views

from .cpt_files import DESCRIPTORS, every_descriptor, import_cpt

pytestmark = pytest.mark.django_db

LICENCE_NOTE = "CPT descriptors require a CPT licence"
NOTICE = "CPT copyright 2025 American Medical Association. All rights reserved."
TRADEMARK = "CPT® is a registered trademark of the American Medical Association."


@pytest.fixture
def unlicensed(settings):
    settings.CPT_LICENSED = False


@pytest.fixture
def licensed(settings):
    settings.CPT_LICENSED = True


@pytest.fixture
def cpt_2026(tmp_path):
    return import_cpt(tmp_path / "CPT2026")


@pytest.fixture
def cpt_2025_and_2026(tmp_path):
    """2026 retitles 10001 and adds 0999M."""
    older = {code: texts for code, texts in DESCRIPTORS.items() if code != "0999M"}
    older["10001"] = ("TEST ONLY FICTIONAL OLD TITLE ALPHA", "TEST ONLY OLD ALPHA", "TEST OLD ALPHA")
    return import_cpt(tmp_path / "CPT2025", older), import_cpt(tmp_path / "CPT2026")


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def assert_no_descriptor(html: str) -> None:
    for text in [*every_descriptor(), "TEST ONLY", "TEST FICT"]:
        assert text not in html


def test_without_a_licence_a_code_page_shows_the_code_but_not_its_descriptors(client, unlicensed, cpt_2026):
    html = page(client, "/codes/cpt/10001")
    assert '<span class="code">10001</span>' in html
    assert LICENCE_NOTE in html
    assert_no_descriptor(html)
    assert NOTICE not in html
    assert "<title>10001 · CPT</title>" in html


def test_the_licence_setting_alone_shows_nothing_without_an_imported_file(client, licensed):
    assert not cpt.cpt_licensed()
    assert "No CPT release" in page(client, "/codes/cpt/10001", status=404)


def test_with_a_licence_a_code_page_shows_every_descriptor_under_the_ama_notice(client, licensed, cpt_2026):
    html = page(client, "/codes/cpt/10001")
    long_text, medium, short = DESCRIPTORS["10001"]
    assert long_text in html
    assert medium in html
    assert short in html
    assert NOTICE in html
    assert TRADEMARK in html
    assert "Applicable FARS/DFARS restrictions apply to government use." in html
    assert LICENCE_NOTE not in html


def test_an_exhausted_allowance_still_withholds_the_descriptor(client, unlicensed, cpt_2026, monkeypatch):
    # The header-only page that a spent allowance gets shows the descriptor, when it may.
    spent = CodePageAccess(metered=True, full_page=False, exhausted=True, remaining=0)
    monkeypatch.setattr(views, "code_page_view_record", lambda **kwargs: spent)
    html = page(client, "/codes/cpt/10001")
    assert LICENCE_NOTE in html
    assert_no_descriptor(html)


def test_without_a_licence_browsing_lists_numbers_only(client, unlicensed, cpt_2026):
    html = page(client, "/codes/cpt/?letter=1")
    assert "10001" in html and "1234F" in html
    assert LICENCE_NOTE in html
    assert_no_descriptor(html)


def test_with_a_licence_browsing_shows_descriptors_and_the_notice(client, licensed, cpt_2026):
    html = page(client, "/codes/cpt/?letter=1")
    assert DESCRIPTORS["10001"][0] in html
    assert NOTICE in html


def test_the_code_set_list_says_cpt_needs_a_licence(client, unlicensed, cpt_2026):
    html = page(client, "/codes/")
    assert LICENCE_NOTE in html


def test_the_code_set_list_says_nothing_of_a_licence_on_a_licensed_site(client, licensed, cpt_2026):
    assert LICENCE_NOTE not in page(client, "/codes/")


def test_without_a_licence_release_changes_hide_old_and_new_descriptors(client, unlicensed, cpt_2025_and_2026):
    html = page(client, "/codes/cpt/changes")
    assert "1 added, 0 deleted, 1 retitled" in html
    assert "0999M" in html and "10001" in html
    assert_no_descriptor(html)
    assert "OLD TITLE" not in html
    assert LICENCE_NOTE in html


def test_with_a_licence_release_changes_show_descriptors_and_the_notice(client, licensed, cpt_2025_and_2026):
    html = page(client, "/codes/cpt/changes")
    assert "TEST ONLY FICTIONAL OLD TITLE ALPHA" in html
    assert DESCRIPTORS["0999M"][0] in html
    assert NOTICE in html


def test_without_a_licence_suggestions_for_a_missing_code_have_no_descriptors(client, unlicensed, cpt_2026):
    html = page(client, "/codes/cpt/1000", status=404)
    assert "10001" in html
    assert_no_descriptor(html)
    assert LICENCE_NOTE in html


def test_with_a_licence_suggestions_carry_the_notice(client, licensed, cpt_2026):
    html = page(client, "/codes/cpt/1000", status=404)
    assert DESCRIPTORS["10001"][0] in html
    assert NOTICE in html


def test_pages_of_other_code_sets_carry_no_cpt_notice(client, licensed, cpt_2026, icd10cm_releases):
    html = page(client, "/codes/icd10cm/E11.9")
    assert NOTICE not in html
    assert LICENCE_NOTE not in html


def test_the_notice_is_dated_the_year_before_the_release(licensed, tmp_path):
    release = import_cpt(tmp_path / "CPT2027")
    assert cpt.cpt_notice(release=release)[0].startswith("CPT copyright 2026 American Medical Association.")
