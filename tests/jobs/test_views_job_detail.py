"""/jobs/<id>/: a published job's page, with schema.org JSON-LD."""

import json
import re

import pytest

from codingdesk.jobs.models import PostingStatus


def json_ld(response) -> dict:
    [text] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    return json.loads(text)


def test_a_remote_job_page(client, make_posting, settings):
    posting = make_posting(PostingStatus.PUBLISHED, title="Remote CRC coder", remote_states=["TX", "OK"])

    response = client.get(f"/jobs/{posting.pk}/")

    assert response.status_code == 200
    assert "Remote CRC coder" in response.text
    assert "Apply with your résumé" in response.text
    data = json_ld(response)
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Remote CRC coder"
    assert data["url"] == f"{settings.SITE_URL}/jobs/{posting.pk}/"
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Valley Clinic",
        "sameAs": "https://valleyclinic.example.com",
    }
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == [
        {"@type": "State", "name": "Texas"},
        {"@type": "State", "name": "Oklahoma"},
    ]
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "minValue": 25.0, "maxValue": 32.0, "unitText": "HOUR"},
    }
    assert data["datePosted"].startswith(posting.published_at.date().isoformat())
    assert data["validThrough"].startswith(posting.expires_at.date().isoformat())
    assert "jobLocation" not in data


def test_an_onsite_job_has_a_place_and_a_yearly_salary(client, make_posting):
    posting = make_posting(
        PostingStatus.PUBLISHED, location_type="onsite", city="Austin", state="TX",
        pay_min=50000, pay_max=60000, pay_period="year", employment_type="contract",
    )  # fmt: skip

    data = json_ld(client.get(f"/jobs/{posting.pk}/"))

    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress", "addressLocality": "Austin", "addressRegion": "TX", "addressCountry": "US"
    }  # fmt: skip
    assert data["baseSalary"]["value"]["unitText"] == "YEAR"
    assert data["employmentType"] == "CONTRACTOR"
    assert "jobLocationType" not in data


def test_script_in_the_description_is_neither_run_nor_able_to_break_out(client, make_posting):
    attack = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))"
    posting = make_posting(PostingStatus.PUBLISHED, description=attack, title="</script><b>t</b>")

    response = client.get(f"/jobs/{posting.pk}/")

    assert "<script>alert(1)" not in response.text
    assert "<img" not in response.text
    assert 'href="javascript' not in response.text
    assert "<b>t</b>" not in response.text
    # The JSON-LD is one script element whose text still parses.
    assert json_ld(response)["title"] == "</script><b>t</b>"


@pytest.mark.parametrize(
    "status", [PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.EXPIRED, PostingStatus.CLOSED]
)
def test_unpublished_jobs_are_404(client, make_posting, status):
    assert client.get(f"/jobs/{make_posting(status).pk}/").status_code == 404


def test_an_external_apply_job_links_out(client, make_posting):
    posting = make_posting(PostingStatus.PUBLISHED, apply_url="https://valleyclinic.example.com/careers/1")

    response = client.get(f"/jobs/{posting.pk}/")

    assert 'href="https://valleyclinic.example.com/careers/1"' in response.text
    assert f"/jobs/{posting.pk}/apply/" not in response.text


def test_an_applicant_sees_their_status(client, application, alice):
    client.force_login(alice)

    response = client.get(f"/jobs/{application.posting.pk}/")

    assert "You applied on" in response.text
    assert f"/jobs/{application.posting.pk}/apply/" not in response.text


def test_the_employer_sees_a_link_to_applicants(client, published_posting, employer_user):
    client.force_login(employer_user)

    response = client.get(f"/jobs/{published_posting.pk}/")

    assert f"/jobs/employer/postings/{published_posting.pk}/applicants/" in response.text
