"""Conversations with the coding assistant, saved to the member's account."""

from django.conf import settings
from django.db import models

from codingdesk.codesets.models import CodeSystem


class Conversation(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations")
    title = models.CharField(max_length=120)
    # The code page the conversation was started from, if any.
    code_system = models.CharField(max_length=20, blank=True)
    code = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["user", "-updated_at"])]

    def __str__(self) -> str:
        return self.title


class MessageRole(models.TextChoices):
    USER = "user", "Member"
    ASSISTANT = "assistant", "Assistant"


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    role = models.CharField(max_length=10, choices=MessageRole.choices)
    text = models.TextField(help_text="The question, or the answer in Markdown.")
    # Answers only: what the engine returned beside the text.
    kind = models.CharField(max_length=10, blank=True)
    engine = models.CharField(max_length=20, blank=True)
    codes = models.JSONField(default=list, blank=True)
    citations = models.JSONField(default=list, blank=True)
    follow_up_questions = models.JSONField(default=list, blank=True)
    as_of = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.text[:60]}"


class DescriptionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class CodeDescription(models.Model):
    """The plain-English description of one code, written by ``codingdesk describe``
    and shown on the code page once staff approve it."""

    system = models.CharField(max_length=20, choices=CodeSystem.choices)
    code = models.CharField(max_length=16, help_text="As printed, e.g. S13.4XXA.")
    text = models.TextField()
    # "structured" (built from the code tables) or "llm:<model>".
    source = models.CharField(max_length=80)
    status = models.CharField(max_length=10, choices=DescriptionStatus.choices, default=DescriptionStatus.DRAFT)
    release_version = models.CharField(max_length=40, help_text="The release the text was written from.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["system", "code"]
        constraints = [models.UniqueConstraint(fields=["system", "code"], name="code_description_unique_code")]
        indexes = [models.Index(fields=["system", "status"])]

    def __str__(self) -> str:
        return f"{self.system} {self.code} ({self.get_status_display()})"
