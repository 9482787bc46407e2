"""The email consultant's records: every message that arrived (kept raw, so
nothing is lost), the consultations they belong to, and every reply we send.

The rows are also the work queue. A task only triggers work; what is left to
do is read from the statuses here, so a crashed worker loses nothing
(consultant/recovery.py re-enqueues whatever is stuck).
"""

from django.conf import settings
from django.db import models


class InboundSource(models.TextChoices):
    SMTP = "smtp", "SMTP receiver"
    IMAP = "imap", "IMAP mailbox"


class InboundStatus(models.TextChoices):
    RECEIVED = "received", "Received"  # stored; not yet decided
    ANSWERED = "answered", "Answered"  # an answer was written (it may wait for review)
    REJECTED = "rejected", "Rejected"  # not answered; the reason says why
    FAILED = "failed", "Failed"  # processing kept failing (last_error says how); staff can retry


class RejectReason(models.TextChoices):
    MALFORMED = "malformed", "Malformed message"
    AUTO_REPLY = "auto_reply", "Auto-reply or bulk mail (never answered, to avoid loops)"
    OWN_ADDRESS = "own_address", "Sent from the consultant's own address"
    AUTHENTICATION_FAILED = "authentication_failed", "DMARC or SPF failed: the sender may be forged"
    UNAUTHENTICATED = "unauthenticated", "No SPF or DMARC pass from our mail server (CONSULTANT_AUTHSERV_ID)"
    UNKNOWN_SENDER = "unknown_sender", "No account has this verified address"
    PLAN_EXCLUDES = "plan_excludes", "The member's plan has no email consultations"
    OVER_QUOTA = "over_quota", "The member's monthly consultations are used"
    NO_QUESTION = "no_question", "No question in the message"


class InboundMessage(models.Model):
    # The Message-ID, or "sha256:<hex>" of the raw bytes when there is none:
    # the same message delivered twice is stored once.
    dedupe_key = models.CharField(max_length=255, unique=True)
    message_id = models.CharField(max_length=998, blank=True)
    source = models.CharField(max_length=10, choices=InboundSource.choices)
    raw = models.BinaryField(help_text="The message exactly as it arrived.")
    envelope_from = models.CharField(max_length=320, blank=True)
    envelope_to = models.JSONField(default=list, blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    # Filled in when the message is processed.
    status = models.CharField(max_length=10, choices=InboundStatus.choices, default=InboundStatus.RECEIVED)
    reject_reason = models.CharField(max_length=30, choices=RejectReason.choices, blank=True)
    from_address = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=998, blank=True)
    question = models.TextField(blank=True, help_text="The text asked, without quoted replies and signature.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consultation = models.ForeignKey(
        "Consultation", null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    processed_at = models.DateTimeField(null=True, blank=True)
    # Failed processing attempts (the engine or the database down), and when to try again.
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return f"{self.from_address or self.envelope_from}: {self.subject or self.message_id}"


class Consultation(models.Model):
    """One thread: the first question and every reply in it. The assistant
    conversation holds the earlier turns the engine sees as context."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultations")
    subject = models.CharField(max_length=998)
    conversation = models.OneToOneField(
        "assistant.Conversation", on_delete=models.PROTECT, related_name="consultation"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return f"Consultation {self.pk}: {self.subject}"


class ReplyKind(models.TextChoices):
    ANSWER = "answer", "Answer"
    NOTICE = "notice", "Notice (plan, quota or no question)"
    INVITATION = "invitation", "Invitation to register"


class ReplyStatus(models.TextChoices):
    PENDING_REVIEW = "pending_review", "Waiting for review"
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (retries used up)"
    DISCARDED = "discarded", "Discarded in review"


class Reply(models.Model):
    """One message we send. Created once per inbound message (the unique
    constraint makes a retried answer task harmless); its Message-ID is fixed
    when it is created, so a resend is recognisably the same message."""

    inbound = models.OneToOneField(InboundMessage, on_delete=models.CASCADE, related_name="reply")
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    kind = models.CharField(max_length=12, choices=ReplyKind.choices)
    status = models.CharField(max_length=16, choices=ReplyStatus.choices)
    to_address = models.CharField(max_length=320)
    subject = models.CharField(max_length=998)
    message_id = models.CharField(max_length=255, unique=True)
    in_reply_to = models.CharField(max_length=998, blank=True)
    references = models.TextField(blank=True)
    body_markdown = models.TextField(help_text="The answer as Markdown; staff may edit it before approving.")
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When the current send started.")
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "replies"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to_address}: {self.subject}"


class InvitationSent(models.Model):
    """One invitation per address per window (CONSULTANT_INVITE_UNKNOWN_SENDERS)."""

    address = models.CharField(max_length=320, unique=True)
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.address


class ReplyInReview(Reply):
    """The review queue in the admin: answers waiting for a staff coder (review-first mode)."""

    class Meta:
        proxy = True
        verbose_name = "answer waiting for review"
        verbose_name_plural = "review queue"
