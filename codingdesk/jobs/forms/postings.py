"""Forms for employers' profiles and postings, staff review and reports.
They parse input; the rules live in the model's clean() and the services."""

from __future__ import annotations

from django import forms

from ..models import US_STATES, Credential, JobPosting, ReportReason, Specialty
from ..services.postings import POSTING_FIELDS


class EmployerProfileForm(forms.Form):
    name = forms.CharField(max_length=200, label="Company name")
    website = forms.URLField(required=False, assume_scheme="https")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, help_text="Markdown. Links are allowed; HTML is not."
    )
    logo = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
        help_text="PNG, JPEG, GIF or WebP, under 2 MB. It is resized to fit 400 × 400.",
    )


class JobPostingForm(forms.ModelForm):
    credentials = forms.MultipleChoiceField(
        choices=Credential.choices, required=False, widget=forms.CheckboxSelectMultiple, label="Credentials required"
    )
    preferred_credentials = forms.MultipleChoiceField(
        choices=Credential.choices, required=False, widget=forms.CheckboxSelectMultiple, label="Credentials preferred"
    )
    specialties = forms.MultipleChoiceField(
        choices=Specialty.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    apply_url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label="External apply URL",
        help_text="Leave empty to take applications (with résumés) on CodingDesk.",
    )
    remote_states = forms.MultipleChoiceField(
        choices=US_STATES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Remote jobs only. Leave empty for anywhere in the US.",
    )

    class Meta:
        model = JobPosting
        fields = list(POSTING_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 12}),
            "pay_min": forms.NumberInput(attrs={"min": "0", "step": "0.01"}),
            "pay_max": forms.NumberInput(attrs={"min": "0", "step": "0.01"}),
        }
        labels = {"pay_min": "Pay from", "pay_max": "Pay up to"}
        help_texts = {"description": "Markdown. Links are allowed; HTML is not."}

    def posting_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in POSTING_FIELDS}


class PostingReturnForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, label="What must the employer change?"
    )


class JobReportForm(forms.Form):
    reason = forms.ChoiceField(choices=ReportReason.choices, widget=forms.RadioSelect)
    details = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=2000)
