"""The SMTP receiver's handler: which recipients it takes, and storing each
message before it answers 250. Run by `codingdesk mail-smtpd`; the tests start
the same Controller on a free loopback port.

It is not a relay: only the consultant addresses are accepted, and every
other recipient is refused at RCPT. One envelope sender may deliver so many
messages an hour (CONSULTANT_MAX_MESSAGES_PER_SENDER_HOUR). aiosmtpd itself
refuses a message over data_size_limit with 552 (announced as SIZE in EHLO).
"""

from __future__ import annotations

import logging
import time

from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections

from .models import InboundSource
from .services.inbound import inbound_message_store

logger = logging.getLogger(__name__)


class ConsultantHandler:
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        try:
            within_limit = await sync_to_async(_sender_within_limit, thread_sensitive=False)(address)
        except Exception:
            # The count lives in the cache (the database or Redis); while it is
            # down, a 4xx keeps the message with the sender until it is back.
            logger.exception("Could not count the messages from %s", address)
            return "451 4.3.0 Temporary failure; please try again later"
        if not within_limit:
            return "451 4.7.1 Too many messages from this sender this hour; try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() not in settings.CONSULTANT_ADDRESSES:
            return f"550 5.1.1 <{address}>: no such mailbox here (this server accepts mail only for its consultant)"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        try:
            created = await sync_to_async(_store, thread_sensitive=False)(envelope)
        except Exception:
            # Not stored, so not accepted: a 4xx makes the sending server try again later.
            logger.exception("Could not store a message from %s", envelope.mail_from)
            return "451 4.3.0 The message could not be stored; please try again later"
        return "250 2.0.0 Stored" if created else "250 2.0.0 Already stored"


def _sender_within_limit(sender: str) -> bool:
    """Anyone can send us mail, and all of it is stored: one envelope sender
    gets CONSULTANT_MAX_MESSAGES_PER_SENDER_HOUR messages an hour (a 4xx asks a
    real mail server to retry later; nothing is lost)."""
    key = f"consultant:sender:{sender.lower()}:{int(time.time() // 3600)}"
    try:
        cache.add(key, 0, timeout=3600)
        return cache.incr(key) <= settings.CONSULTANT_MAX_MESSAGES_PER_SENDER_HOUR
    finally:
        close_old_connections()


def _store(envelope) -> bool:
    close_old_connections()
    try:
        _, created = inbound_message_store(
            raw=envelope.original_content or envelope.content,
            source=InboundSource.SMTP,
            envelope_from=envelope.mail_from or "",
            envelope_to=list(envelope.rcpt_tos),
        )
        return created
    finally:
        close_old_connections()


def smtp_receiver(*, host: str, port: int) -> Controller:
    """An unstarted receiver; call start() and stop()."""
    return Controller(
        ConsultantHandler(),
        hostname=host,
        port=port,
        data_size_limit=settings.CONSULTANT_MAX_MESSAGE_BYTES,
        # Keep the bytes exactly as sent; parsing decodes them later.
        decode_data=False,
        server_hostname=settings.CONSULTANT_ADDRESSES[0].rpartition("@")[2] or "localhost",
    )
