"""Forms for job seekers: the job search (its GET parameters are
job_search's argument names, so every results page has a shareable URL),
applying with a résumé, and saving a search for email alerts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from ..models import US_STATES, AlertFrequency, ApplicationStatus, Credential, EmploymentType, Specialty


def _coerce_bool(value: str) -> bool:
    return value == "true"


def _any(label: str, choices) -> list:
    return [("", label), *choices]


class JobSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Keywords")
    remote = forms.TypedChoiceField(
        required=False,
        label="Work place",
        choices=[("", "Remote or on-site"), ("true", "Remote only"), ("false", "On-site or hybrid")],
        coerce=_coerce_bool,
        empty_value=None,
    )
    state = forms.ChoiceField(required=False, choices=_any("Any state", US_STATES), label="State")
    credential = forms.ChoiceField(required=False, choices=_any("Any credential", Credential.choices))
    specialty = forms.ChoiceField(required=False, choices=_any("Any specialty", Specialty.choices))
    employment_type = forms.ChoiceField(required=False, choices=_any("Any type", EmploymentType.choices), label="Type")
    pay_min = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        label="Minimum pay",
        widget=forms.NumberInput(attrs={"placeholder": "25 or 55000", "min": "0", "step": "any"}),
        help_text="Hourly (up to $500) or yearly.",
    )
    apprentices = forms.BooleanField(required=False, label="Apprentices (-A credentials) welcome")
    posted_within_days = forms.TypedChoiceField(
        required=False,
        label="Posted within",
        choices=[("", "Any time"), ("1", "24 hours"), ("3", "3 days"), ("7", "7 days"), ("30", "30 days")],
        coerce=int,
        empty_value=None,
    )
    # The values are job_search's (and the API's) sort names. Relevance ranks
    # keyword matches; without keywords it is the newest first, so a plain
    # browse of the board is always newest first.
    sort = forms.ChoiceField(
        required=False, choices=[("relevance", "Relevance"), ("newest", "Newest")], label="Sort by"
    )

    def search_filters(self) -> dict[str, Any]:
        """The chosen filters as job_search's keyword arguments, JSON-safe
        (a saved search keeps them), without the empty ones or the sort."""
        filters = {}
        for name, value in self.cleaned_data.items():
            # remote=False is a filter ("on-site or hybrid only"); an
            # unticked apprentices box is not.
            if name == "sort" or value is None or value == "" or (name == "apprentices" and value is False):
                continue
            filters[name] = str(value) if name == "pay_min" else value
        return filters

    def sort_order(self) -> str:
        return self.cleaned_data.get("sort") or "relevance"


class ApplicationForm(forms.Form):
    resume = forms.FileField(
        label="Résumé",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )
    cover_note = forms.CharField(
        required=False, max_length=5000, label="Cover note", widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.JOBS_RESUME_MAX_BYTES)
        self.fields["resume"].help_text = f"PDF or Word (.docx), up to {limit}."


class SavedSearchForm(forms.Form):
    name = forms.CharField(max_length=100, required=False, label="Name this search")
    frequency = forms.ChoiceField(choices=AlertFrequency.choices, label="Email me new matches")


class ApplicationStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ApplicationStatus.choices)
