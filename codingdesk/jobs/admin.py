"""Staff manage employers (trusted or not), review postings (the approve
action publishes through the service, as `codingdesk jobs approve` does) and
resolve reports here."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models

from .models import Application, Employer, JobPosting, JobReport, PostingStatus, SavedSearch
from .services.moderation import job_report_resolve
from .services.postings import job_posting_approve


# Django 6 makes https the default scheme of a URL typed without one; do so now.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "website", "is_trusted", "created_at"]
    list_filter = ["is_trusted"]
    search_fields = ["name", "website", "members__email"]
    filter_horizontal = ["members"]


class JobReportInline(admin.TabularInline):
    model = JobReport
    fields = ["reason", "details", "reporter", "created_at", "resolved_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["title", "employer", "status", "review_flags", "submitted_at", "published_at", "expires_at"]
    list_filter = ["status", "location_type", "employment_type", "employer__is_trusted"]
    search_fields = ["title", "employer__name"]
    list_select_related = ["employer"]
    readonly_fields = [
        "status", "review_flags", "reviewed_by", "created_by", "created_at", "updated_at", "submitted_at",
        "published_at", "expires_at", "renewal_reminder_sent_at", "closed_at",
    ]  # fmt: skip
    inlines = [JobReportInline]
    actions = ["approve"]

    @admin.action(description="Approve and publish the selected postings")
    def approve(self, request, queryset):
        approved = 0
        for posting in queryset.filter(status=PostingStatus.SUBMITTED).select_related("employer"):
            try:
                job_posting_approve(posting=posting, reviewer=request.user)
            except ValidationError as error:
                self.message_user(request, f"{posting}: {' '.join(error.messages)}", messages.ERROR)
            else:
                approved += 1
        self.message_user(request, f"Published {approved} posting(s).", messages.SUCCESS)


@admin.register(JobReport)
class JobReportAdmin(admin.ModelAdmin):
    list_display = ["posting", "reason", "reporter", "created_at", "resolved_at"]
    list_filter = ["reason", ("resolved_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["posting", "reporter"]
    readonly_fields = ["resolved_by"]
    actions = ["resolve"]

    @admin.action(description="Mark the selected reports resolved")
    def resolve(self, request, queryset):
        for report in queryset.filter(resolved_at__isnull=True):
            job_report_resolve(report=report, staff=request.user)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Staff see who applied where and the status; the résumé file itself is
    served only to the applicant and the employer (views/applications.py)."""

    list_display = ["posting", "applicant", "status", "created_at", "status_changed_at"]
    list_filter = ["status"]
    search_fields = ["posting__title", "applicant__email"]
    fields = ["posting", "applicant", "status", "resume_filename", "cover_note", "created_at", "status_changed_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "frequency", "active", "last_sent_at", "created_at"]
    list_filter = ["frequency", "active"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
