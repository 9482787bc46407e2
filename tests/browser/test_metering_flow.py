"""The whole metered journey in a real browser: guest, registration with
email verification, the free allowance, and an upgrade by staff."""

import re

import pytest
from django.core import mail

from codingdesk.accounts.models import User
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEMBER_EMAIL = "dana.coder@example.com"
FOUR_MORE_CODES = ["S13.4XXA", "S13.4XXD", "S13.4XXS", "S06.367"]


@pytest.fixture
def sample_release(tmp_path):
    code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])


def open_code(page, live_server, code):
    page.goto(f"{live_server.url}/codes/icd10cm/{code}")
    return page.locator("main")


def test_guest_registers_uses_free_views_and_is_upgraded_by_staff(browser, page, live_server, sample_release, metering):
    # 1. A guest opens a code page, then a second one, and sees the prompt.
    main = open_code(page, live_server, "E11.9")
    assert main.get_attribute("data-views-remaining") == "0"
    assert "0 code page views remaining" in page.locator(".meter").inner_text()
    main = open_code(page, live_server, "E15")
    assert main.get_attribute("data-metering") == "exhausted"
    assert page.locator("h1").inner_text().startswith("E15")  # the code and descriptor stay
    assert page.get_by_role("heading", name="Register to keep reading").is_visible()

    # 2. Clearing cookies does not help.
    page.context.clear_cookies()
    main = open_code(page, live_server, "E15")
    assert main.get_attribute("data-metering") == "exhausted"

    # 3. The guest registers, verifies the email from the test mailbox, and gets 5 more views.
    page.locator("#allowance-used").get_by_role("link", name="Register free").click()
    page.get_by_label("Email").fill(MEMBER_EMAIL)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()
    (message,) = [message for message in mail.outbox if MEMBER_EMAIL in message.to]
    confirmation_url = re.search(r"https?://\S+/confirm-email/\S+", message.body).group(0)
    page.goto(confirmation_url)
    page.get_by_role("button", name="Confirm").click()
    # Back on the code the guest wanted, now as a member: the first of 5 views.
    page.wait_for_url("**/codes/icd10cm/E15")
    assert page.locator("main").get_attribute("data-views-remaining") == "4"
    assert page.get_by_role("heading", name="In plain English").is_visible()
    for remaining, code in zip([3, 2, 1, 0], FOUR_MORE_CODES):
        main = open_code(page, live_server, code)
        assert main.get_attribute("data-views-remaining") == str(remaining)
        assert page.get_by_role("heading", name="Notes").is_visible()  # no longer gated

    # 4. On the sixth view the prompt to upgrade appears.
    main = open_code(page, live_server, "S06.369")
    assert main.get_attribute("data-metering") == "exhausted"
    assert page.get_by_role("heading", name="Upgrade to keep reading").is_visible()

    # 5. After staff set the plan to Pro in the admin, the views are unlimited.
    staff = UserFactory(email="staff@example.com", is_staff=True, is_superuser=True, role="staff")
    member = User.objects.get(email=MEMBER_EMAIL)
    admin_page = browser.new_context().new_page()
    admin_page.goto(f"{live_server.url}/admin/accounts/user/{member.pk}/change/")
    admin_page.get_by_label("Email").fill(staff.email)  # the site's login page, then back
    admin_page.get_by_label("Password").fill(PASSWORD)
    admin_page.get_by_role("button", name="Sign In").click()
    admin_page.get_by_label("Plan").select_option("pro")
    admin_page.get_by_role("button", name="Save", exact=True).click()
    admin_page.locator(".messagelist .success").wait_for()
    admin_page.context.close()

    main = open_code(page, live_server, "S06.369")
    assert main.get_attribute("data-metering") is None
    assert main.get_attribute("data-views-remaining") is None
    assert "Unlimited code page views on the Pro plan" in page.locator(".meter").inner_text()
    assert page.get_by_role("heading", name="In plain English").is_visible()
