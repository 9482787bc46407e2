"""Forgetting rejected mail. Anyone can send mail to the consultant address;
what was not answered (unknown senders, robots, forgeries) is kept for staff to
look at for a while, not for ever."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from ..models import InboundMessage, InboundStatus


def inbound_messages_prune() -> int:
    """Delete rejected messages older than CONSULTANT_REJECTED_RETENTION_DAYS; returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.CONSULTANT_REJECTED_RETENTION_DAYS)
    deleted, _ = InboundMessage.objects.filter(status=InboundStatus.REJECTED, received_at__lt=cutoff).delete()
    return deleted
