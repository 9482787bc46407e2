"""Staff manage users (plan, role, team), plan limits and API keys here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import ApiKey, ApiUsage, Plan, Team, TeamInvitation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "plan", "role", "team", "is_active", "date_joined"]
    list_filter = ["plan", "role", "is_active", "is_staff"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "plan", "role", "team", "search_history_enabled"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2", "plan", "role"]})]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = [
        "name", "code_page_views", "assistant_questions_per_day", "email_consultations_per_month",
        "api_requests_per_minute", "api_requests_per_month",
    ]

    def has_add_permission(self, request):
        return False  # the four plans exist already; their names are fixed

    def has_delete_permission(self, request, obj=None):
        return False


class TeamInvitationInline(admin.TabularInline):
    model = TeamInvitation
    fields = ["email", "invited_by", "created_at", "accepted_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "seats", "created_at"]
    search_fields = ["name", "owner__email"]
    raw_id_fields = ["owner"]
    inlines = [TeamInvitationInline]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["key_id", "name", "user", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["key_id", "name", "user__email"]
    readonly_fields = ["user", "key_id", "key_hash", "created_at", "last_used_at"]


@admin.register(ApiUsage)
class ApiUsageAdmin(admin.ModelAdmin):
    list_display = ["subject", "month", "count"]
    search_fields = ["subject"]
