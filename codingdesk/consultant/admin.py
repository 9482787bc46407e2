"""Staff see every inbound message with its status, every reply with its
delivery state (and retry failed ones), and work the review queue."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from .models import Consultation, InboundMessage, InboundStatus, Reply, ReplyInReview, ReplyStatus
from .services import reply_approve, reply_discard
from .services.answering import inbound_message_retry
from .services.sending import reply_retry_now


class ReadOnlyAdmin(admin.ModelAdmin):
    """Mail is a record: staff read it; only the services change it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "from_address", "subject", "status", "reject_reason", "source", "consultation"]
    list_filter = ["status", "reject_reason", "source"]
    search_fields = ["from_address", "envelope_from", "subject", "message_id"]
    date_hierarchy = "received_at"
    fields = ["received_at", "source", "envelope_from", "envelope_to", "message_id", "status", "reject_reason",
              "from_address", "user", "subject", "question", "consultation", "processed_at", "attempts",
              "next_attempt_at", "last_error", "raw_text"]
    readonly_fields = fields
    actions = ["retry"]

    @admin.action(description="Process again (failed messages)")
    def retry(self, request, queryset):
        failed = list(queryset.filter(status=InboundStatus.FAILED))
        for message in failed:
            inbound_message_retry(inbound=message)
        self.message_user(request, f"{len(failed)} failed messages queued again.", messages.SUCCESS)

    @admin.display(description="Raw message")
    def raw_text(self, message):
        return format_html("<pre>{}</pre>", bytes(message.raw).decode("utf-8", errors="replace")[:50_000])


@admin.register(Reply)
class ReplyAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to_address", "subject", "kind", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "kind"]
    search_fields = ["to_address", "subject", "message_id"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]

    @admin.action(description="Send again now (failed or waiting replies)")
    def retry_now(self, request, queryset):
        retried = [reply for reply in queryset if reply.status in (ReplyStatus.FAILED, ReplyStatus.QUEUED)]
        for reply in retried:
            reply_retry_now(reply=reply)
        self.message_user(request, f"{len(retried)} replies queued to send again.", messages.SUCCESS)


@admin.register(ReplyInReview)
class ReviewQueueAdmin(admin.ModelAdmin):
    """Edit an answer's Markdown and save, then approve it from the list."""

    list_display = ["created_at", "to_address", "subject"]
    fields = ["to_address", "subject", "question", "body_markdown"]
    readonly_fields = ["to_address", "subject", "question"]
    actions = ["approve_and_send", "discard"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=ReplyStatus.PENDING_REVIEW).select_related("inbound")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Question")
    def question(self, reply):
        return reply.inbound.question

    def save_model(self, request, obj, form, change):
        # Saving keeps the edit and the answer in the queue; approving sends it.
        obj.save(update_fields=["body_markdown"])

    @admin.action(description="Approve and send")
    def approve_and_send(self, request, queryset):
        self._review(request, queryset, lambda reply: reply_approve(reply=reply, reviewer=request.user), "sent")

    @admin.action(description="Discard (never send)")
    def discard(self, request, queryset):
        self._review(request, queryset, lambda reply: reply_discard(reply=reply, reviewer=request.user), "discarded")

    def _review(self, request, queryset, review, done: str):
        count = 0
        for reply in queryset:
            try:
                review(reply)
                count += 1
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
        self.message_user(request, f"{count} answer{'' if count == 1 else 's'} {done}.", messages.SUCCESS)


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ["subject", "user", "created_at", "updated_at"]
    search_fields = ["subject", "user__email"]
