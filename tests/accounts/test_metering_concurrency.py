"""Parallel requests cannot overspend an allowance.

Real HTTP requests to the live (threaded) server, released together by a
barrier. On PostgreSQL each request runs in its own thread with its own
connection, so this exercises the row locks in metering._lock_viewer.
"""

import re
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.test import Client

from codingdesk.accounts.models import CodeView
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db(transaction=True)

CODES = ["E11", "E11.9", "E15", "S13", "S13.4", "S13.4XXA", "S13.4XXD", "S13.4XXS", "S06", "S06.367", "S06.369"]


@pytest.fixture
def release(tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])


def open_all_at_once(base_url: str, codes: list[str], cookie: str = "") -> list[str]:
    """Open every code page in parallel; return each page's <main> tag."""
    barrier = threading.Barrier(len(codes))

    def fetch(code: str) -> str:
        request = urllib.request.Request(f"{base_url}/codes/icd10cm/{code}", headers={"Cookie": cookie})
        barrier.wait()
        with urllib.request.urlopen(request, timeout=30) as response:
            return re.search(r"<main [^>]*>", response.read().decode()).group(0)

    with ThreadPoolExecutor(max_workers=len(codes)) as pool:
        return list(pool.map(fetch, codes))


def full_pages(main_tags: list[str]) -> int:
    return sum('data-metering="exhausted"' not in tag for tag in main_tags)


def test_parallel_guest_requests_get_one_view_between_them(live_server, release, metering):
    pages = open_all_at_once(live_server.url, CODES)
    assert full_pages(pages) == 1
    assert CodeView.objects.count() == 1


def test_parallel_member_requests_get_exactly_the_plans_views(live_server, release, metering, alice):
    client = Client()
    client.force_login(alice)
    session_cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    pages = open_all_at_once(live_server.url, CODES, cookie=session_cookie)
    assert full_pages(pages) == 5
    assert CodeView.objects.filter(user=alice).count() == 5
