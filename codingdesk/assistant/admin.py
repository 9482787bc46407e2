"""Staff review code descriptions here, and read members' conversations for support."""

from django.contrib import admin, messages

from .descriptions import code_descriptions_review
from .models import CodeDescription, Conversation, DescriptionStatus, Message


@admin.register(CodeDescription)
class CodeDescriptionAdmin(admin.ModelAdmin):
    list_display = ["code", "system", "status", "source", "release_version", "updated_at", "reviewed_by"]
    list_filter = ["system", "status", "source"]
    search_fields = ["code"]
    # The status changes only through the actions, so a reviewer is always recorded.
    fields = ["system", "code", "text", "status", "source", "release_version", "reviewed_by", "reviewed_at",
              "created_at", "updated_at"]
    readonly_fields = ["system", "code", "status", "source", "release_version", "reviewed_by", "reviewed_at",
                       "created_at", "updated_at"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False  # rows come from ``codingdesk describe``

    @admin.action(description="Approve")
    def approve(self, request, queryset):
        count = code_descriptions_review(
            descriptions=queryset, status=DescriptionStatus.APPROVED, reviewer=request.user
        )
        self.message_user(request, f"Approved {count} description{'' if count == 1 else 's'}.", messages.SUCCESS)

    @admin.action(description="Reject")
    def reject(self, request, queryset):
        count = code_descriptions_review(
            descriptions=queryset, status=DescriptionStatus.REJECTED, reviewer=request.user
        )
        self.message_user(request, f"Rejected {count} description{'' if count == 1 else 's'}.", messages.SUCCESS)


class MessageInline(admin.TabularInline):
    model = Message
    fields = ["role", "text", "kind", "engine", "codes", "as_of", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "code_system", "code", "updated_at"]
    list_filter = ["code_system"]
    search_fields = ["title", "user__email", "code"]
    fields = ["user", "title", "code_system", "code", "created_at", "updated_at"]
    readonly_fields = fields
    inlines = [MessageInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # support reads conversations; members own them
