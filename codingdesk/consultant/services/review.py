"""Review-first mode: a staff coder edits and approves answers before they go out."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from codingdesk.accounts.models import User

from ..models import Reply, ReplyStatus
from .sending import reply_send_enqueue


def reply_approve(*, reply: Reply, reviewer: User, body_markdown: str | None = None) -> Reply:
    """Send an answer waiting for review, as edited when a new body is given."""
    with transaction.atomic():
        locked = _locked_pending(reply)
        if body_markdown is not None:
            if not body_markdown.strip():
                raise ValidationError("An approved answer cannot be empty.")
            locked.body_markdown = body_markdown
        locked.status = ReplyStatus.QUEUED
        locked.reviewed_by = reviewer
        locked.reviewed_at = timezone.now()
        locked.save()
        transaction.on_commit(lambda: reply_send_enqueue(reply_id=locked.pk))
    return locked


def reply_discard(*, reply: Reply, reviewer: User) -> Reply:
    """Never send this answer (the question stays on record as answered in review)."""
    with transaction.atomic():
        locked = _locked_pending(reply)
        locked.status = ReplyStatus.DISCARDED
        locked.reviewed_by = reviewer
        locked.reviewed_at = timezone.now()
        locked.save()
    return locked


def _locked_pending(reply: Reply) -> Reply:
    locked = Reply.objects.select_for_update().get(pk=reply.pk)
    if locked.status != ReplyStatus.PENDING_REVIEW:
        raise ValidationError(f"This reply is {locked.get_status_display().lower()}, not waiting for review.")
    return locked
