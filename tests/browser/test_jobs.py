"""The job board in a real browser, end to end: an employer posts a job, staff
approve it, a seeker finds it with filters and applies with a PDF, and the
employer's status change shows in the seeker's applications."""

import pytest

from tests.browser.conftest import log_in
from tests.jobs.conftest import MINIMAL_PDF
from tests.jobs.factories import EmployerFactory, EmployerUserFactory, StaffUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Remote Risk Adjustment Coder (CPC-A welcome)"


@pytest.fixture
def signed_in(browser, live_server):
    """signed_in(user): a page in a browser context of the user's own, logged in."""
    contexts = []

    def open_page(user):
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        log_in(page, live_server, user)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def hiring_manager(db):
    user = EmployerUserFactory(email="dana@valleyclinic.example.com")
    EmployerFactory(name="Valley Clinic", website="https://valleyclinic.example.com", members=[user])
    return user


def post_a_job(page, live_server):
    page.goto(f"{live_server.url}/jobs/employer/")
    page.get_by_role("link", name="Post a job").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Description").fill("Review charts for **HCC** capture. Apprentices get a mentor.")
    page.get_by_label("Location type").select_option("remote")
    page.get_by_label("Employment type").select_option("full_time")
    page.locator('input[name="credentials"][value="CRC"]').check()
    page.locator('input[name="specialties"][value="risk_adjustment"]').check()
    page.get_by_label("Experience level").select_option("entry")
    page.get_by_label("Apprentices (-A credentials) welcome").check()
    page.get_by_label("Pay from").fill("22")
    page.get_by_label("Pay up to").fill("27")
    page.get_by_label("Pay period").select_option("hour")
    page.get_by_role("button", name="Submit for publication").click()
    page.get_by_text("Waiting for staff review").wait_for()


def approve_it(page, live_server):
    page.goto(f"{live_server.url}/jobs/moderation/")
    page.locator(".review-item", has_text=TITLE).get_by_role("button", name="Approve and publish").click()
    page.get_by_text("Nothing awaits review").wait_for()


def find_and_apply(page, live_server, resume_path):
    page.get_by_role("link", name="Jobs").click()
    search = page.get_by_role("search", name="Job search")
    search.get_by_label("Keywords").fill("risk adjustment")
    search.get_by_label("Work place").select_option("true")
    search.get_by_label("Credential", exact=True).select_option("CRC")
    search.get_by_label("Apprentices (-A credentials) welcome").check()
    search.get_by_role("button", name="Search jobs").click()
    assert "credential=CRC" in page.url and "apprentices=on" in page.url  # a shareable URL
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Apply with your résumé").click()
    page.get_by_label("Résumé").set_input_files(str(resume_path))
    page.get_by_label("Cover note").fill("CPC-A, eager to learn HCC coding.")
    page.get_by_role("button", name="Send application").click()
    page.get_by_text("Your application to Valley Clinic was sent.").wait_for()


def move_to_interviewing(page, live_server, seeker):
    page.goto(f"{live_server.url}/jobs/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="See applicants").click()
    page.get_by_text("CPC-A, eager to learn HCC coding.").wait_for()
    page.get_by_label(f"Status of {seeker.email}").select_option("interviewing")
    page.get_by_role("button", name="Update status").click()
    page.get_by_text(f"{seeker.email}: Interviewing.").wait_for()


def test_post_approve_find_apply_and_track(signed_in, live_server, alice, hiring_manager, tmp_path):
    resume = tmp_path / "alice-resume.pdf"
    resume.write_bytes(MINIMAL_PDF)
    employer_page = signed_in(hiring_manager)
    post_a_job(employer_page, live_server)
    approve_it(signed_in(StaffUserFactory()), live_server)

    seeker_page = signed_in(alice)
    find_and_apply(seeker_page, live_server, resume)
    row = seeker_page.get_by_role("row", name=TITLE)
    assert "New" in row.inner_text()

    move_to_interviewing(employer_page, live_server, alice)
    seeker_page.reload()
    assert "Interviewing" in seeker_page.get_by_role("row", name=TITLE).inner_text()
