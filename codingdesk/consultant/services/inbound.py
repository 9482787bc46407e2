"""Storing mail as it arrives. The receiver answers 250 (or the poller marks
the message processed) only after this has committed, so an accepted message
is on disk before the sender forgets it."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ..models import InboundMessage, InboundSource
from ..parsing import dedupe_key_of


def inbound_message_store(
    *, raw: bytes, source: str = InboundSource.SMTP, envelope_from: str = "", envelope_to: list[str] | None = None
) -> tuple[InboundMessage, bool]:
    """Keep the raw message and queue it for an answer. Returns (message, created):
    a message seen before (the same Message-ID, or the same bytes when it has
    none) is not stored again and not queued again."""
    dedupe_key = dedupe_key_of(raw)[:255]
    existing = InboundMessage.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            message = InboundMessage.objects.create(
                dedupe_key=dedupe_key,
                message_id="" if dedupe_key.startswith("sha256:") else dedupe_key,
                source=source,
                raw=raw,
                envelope_from=envelope_from[:320],
                envelope_to=list(envelope_to or []),
            )
            transaction.on_commit(lambda: _enqueue_processing(message.pk))
    except IntegrityError:
        # Another connection stored the same message between our check and insert.
        return InboundMessage.objects.get(dedupe_key=dedupe_key), False
    return message, True


def _enqueue_processing(inbound_id: int) -> None:
    from ..tasks import inbound_message_process_task

    inbound_message_process_task.enqueue(inbound_id)
