"""schema.org JobPosting JSON-LD for a job page, as search engines read it
(https://developers.google.com/search/docs/appearance/structured-data/job-posting)."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from .models import US_STATES, EmploymentType, JobPosting, LocationType, PayPeriod

EMPLOYMENT_TYPES = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.PER_DIEM: "PER_DIEM",
}
UNIT_TEXT = {PayPeriod.HOUR: "HOUR", PayPeriod.YEAR: "YEAR"}
STATE_NAMES = dict(US_STATES)
# As django.utils.html.json_script escapes: text from employers can hold
# "</script>" or "<!--", which must not end or change the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def job_posting_json_ld(*, posting: JobPosting, url: str) -> dict:
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.description_html,
        "url": url,
        "datePosted": posting.published_at,
        "employmentType": EMPLOYMENT_TYPES[posting.employment_type],
        "hiringOrganization": _organization(posting),
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": float(posting.pay_min),
                "maxValue": float(posting.pay_max),
                "unitText": UNIT_TEXT[posting.pay_period],
            },
        },
        "directApply": posting.applies_in_site,
    }
    if posting.expires_at:
        data["validThrough"] = posting.expires_at
    return data | _location(posting)


def _organization(posting: JobPosting) -> dict:
    organization = {"@type": "Organization", "name": posting.employer.name}
    if posting.employer.website:
        organization["sameAs"] = posting.employer.website
    return organization


def _location(posting: JobPosting) -> dict:
    if posting.location_type == LocationType.REMOTE:
        if posting.remote_states:
            places = [{"@type": "State", "name": STATE_NAMES.get(code, code)} for code in posting.remote_states]
        else:
            places = [{"@type": "Country", "name": "USA"}]
        return {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": places}
    address = {
        "@type": "PostalAddress",
        "addressLocality": posting.city,
        "addressRegion": posting.state,
        "addressCountry": "US",
    }
    return {"jobLocation": {"@type": "Place", "address": address}}


def json_ld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element; the CSP allows it
    because browsers treat it as data, not as script."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
