"""The scrubber page in Chromium: paste lines, set the date, submit, and read
the findings of each layer."""

import pytest

from tests.claims.claim_data import import_fee_schedule, import_ncci

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def releases(tmp_path):
    import_ncci(tmp_path / "ncci")
    import_fee_schedule(tmp_path / "fees")


def test_pasted_lines_show_findings_by_layer(page, live_server, releases):
    page.goto(f"{live_server.url}/tools/scrubber/")
    page.get_by_label("Claim lines").fill("11042 1 A\n97597-59 1 A\n0001A 1 B\n36591 1 B\n20610\tRT\t3\t1,2\n99080 1 A")
    page.get_by_label("Date of service").fill("2026-07-15")
    page.get_by_label("Setting").select_option("practitioner")
    page.get_by_role("button", name="Scrub claim").click()

    ptp = page.get_by_role("region", name="NCCI procedure-to-procedure edits")
    ptp.wait_for()
    findings = ptp.locator("li.finding")
    assert findings.count() == 2
    assert "Column 2 code 36591 is bundled into column 1 code 0001A. Modifier indicator 0" in findings.nth(0).inner_text()
    assert "bypassed by 59" in findings.nth(1).inner_text()

    mue = page.get_by_role("region", name="Medically Unlikely Edits")
    assert "3 units exceed the MUE of 2 for 20610" in mue.inner_text()
    assert "over the MUE" in mue.locator("li.finding").first.inner_text()

    fees = page.get_by_role("region", name="Fee schedule status")
    assert "99080 has status B in the 2026-A RVU file" in fees.inner_text()

    # Each finding links to the API row it comes from.
    href = ptp.get_by_role("link", name="source").first.get_attribute("href")
    assert href == "/api/v1/edits/ptp?codes=0001A,36591&date=2026-07-15&setting=practitioner"
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    assert response.json()["edits"][0]["modifier_indicator"] == "0"


def test_a_bad_line_is_shown_beside_the_text(page, live_server, releases):
    page.goto(f"{live_server.url}/tools/scrubber/")
    page.get_by_label("Claim lines").fill("99213 1 A\n11042 x A")
    page.get_by_role("button", name="Scrub claim").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == "line 2: units must be a whole number from 1 to 999, not 'x'."
    assert page.get_by_label("Claim lines").input_value() == "99213 1 A\n11042 x A"
