"""From a stored message to a written reply: decide, answer, record.

The answer is computed outside any transaction (an LLM engine may take
seconds, and SQLite would hold its write lock all that time). The writes then
happen in one short transaction that first re-checks, under a row lock, that
the message is still unanswered: a retried or duplicated task, or a second
worker, finds it decided and does nothing. So each message is answered once.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from codingdesk.accounts.models import User
from codingdesk.assistant.services import (
    assistant_answer,
    conversation_history,
    conversation_start,
    conversation_turn_record,
)

from .. import compose, policy
from ..models import Consultation, InboundMessage, InboundStatus, InvitationSent, RejectReason, Reply, ReplyKind
from ..parsing import MalformedMail, ParsedMail, mail_parse
from .sending import reply_queue

FIRST_PROCESS_RETRY = datetime.timedelta(seconds=15)


def inbound_message_process(*, inbound_id: int) -> None:
    inbound = InboundMessage.objects.filter(pk=inbound_id, status=InboundStatus.RECEIVED).first()
    if inbound is None:
        return  # already decided
    try:
        mail = mail_parse(bytes(inbound.raw), authserv_id=settings.CONSULTANT_AUTHSERV_ID)
    except MalformedMail:
        _decide(inbound, None, policy.Decision(RejectReason.MALFORMED))
        return
    decision = policy.inbound_decision(mail)
    if not decision.reject_reason and _over_quota(decision.user, lock=False):
        # Checked before the engine runs, so a used-up month costs no LLM call.
        decision = policy.Decision(RejectReason.OVER_QUOTA, decision.user, ReplyKind.NOTICE)
    if decision.reject_reason:
        _decide(inbound, mail, decision)
        return
    consultation = _thread_consultation(decision.user, mail)
    history = conversation_history(conversation=consultation.conversation) if consultation else ()
    as_of = timezone.localdate()
    answer, engine_name = assistant_answer(text=mail.question, as_of=as_of, history=history)
    with transaction.atomic():
        if not _lock_if_undecided(inbound):
            return
        if _over_quota(decision.user):
            _decide(inbound, mail, policy.Decision(RejectReason.OVER_QUOTA, decision.user, ReplyKind.NOTICE))
            return
        if consultation is None:
            consultation = Consultation.objects.create(
                user=decision.user,
                subject=mail.subject or "(no subject)",
                conversation=conversation_start(user=decision.user, title=mail.subject or mail.question),
            )
        conversation_turn_record(
            conversation=consultation.conversation,
            text=mail.question,
            answer=answer,
            engine_name=engine_name,
            as_of=as_of,
        )
        consultation.save(update_fields=["updated_at"])
        _record(inbound, mail, InboundStatus.ANSWERED, user=decision.user, consultation=consultation)
        reply = compose.answer_reply(inbound=inbound, mail=mail, consultation=consultation, answer=answer)
        reply_queue(reply=reply)


def _decide(inbound: InboundMessage, mail: ParsedMail | None, decision: policy.Decision) -> None:
    """Record a rejection, and write the notice or invitation it calls for."""
    with transaction.atomic():
        if not _lock_if_undecided(inbound):
            return
        _record(inbound, mail, InboundStatus.REJECTED, user=decision.user, reason=decision.reject_reason)
        if decision.reply_kind == ReplyKind.NOTICE:
            reply_queue(reply=compose.notice_reply(inbound=inbound, mail=mail, reason=decision.reject_reason))
        elif decision.reply_kind == ReplyKind.INVITATION:
            InvitationSent.objects.update_or_create(address=mail.from_address, defaults={"sent_at": timezone.now()})
            reply_queue(reply=compose.invitation_reply(inbound=inbound, mail=mail))


def _lock_if_undecided(inbound: InboundMessage) -> bool:
    return InboundMessage.objects.select_for_update().filter(pk=inbound.pk, status=InboundStatus.RECEIVED).exists()


def _over_quota(user: User, *, lock: bool = True) -> bool:
    """Checked again under a lock on the member's row when the answer is
    recorded, so two messages cannot both take the last consultation."""
    limit = policy.monthly_consultation_limit(user)
    if limit is None:
        return False
    if lock:
        list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    return policy.consultations_this_month(user) >= limit


def inbound_message_failure_record(*, inbound_id: int, error: Exception) -> datetime.datetime | None:
    """Count a failed attempt (the engine or the database was down). Returns
    when to try again, or None once the attempts are used up: the message is
    then marked failed, and staff can retry it from the admin."""
    with transaction.atomic():
        inbound = InboundMessage.objects.select_for_update().filter(pk=inbound_id).first()
        if inbound is None or inbound.status != InboundStatus.RECEIVED:
            return None
        inbound.attempts += 1
        inbound.last_error = f"{type(error).__name__}: {error}"[:2000]
        if inbound.attempts >= settings.CONSULTANT_PROCESS_MAX_ATTEMPTS:
            inbound.status = InboundStatus.FAILED
            inbound.next_attempt_at = None
        else:
            inbound.next_attempt_at = timezone.now() + FIRST_PROCESS_RETRY * 4 ** (inbound.attempts - 1)
        inbound.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
    return inbound.next_attempt_at


def inbound_message_retry(*, inbound: InboundMessage) -> None:
    """Staff: process a failed message again, from a fresh count of attempts."""
    from ..tasks import inbound_message_process_task

    updated = InboundMessage.objects.filter(pk=inbound.pk, status=InboundStatus.FAILED).update(
        status=InboundStatus.RECEIVED, attempts=0, next_attempt_at=None
    )
    if updated:
        transaction.on_commit(lambda: inbound_message_process_task.enqueue(inbound.pk))


def _record(inbound, mail, status, *, user=None, consultation=None, reason="") -> None:
    inbound.status = status
    inbound.reject_reason = reason
    inbound.user = user
    inbound.consultation = consultation
    inbound.processed_at = timezone.now()
    if mail is not None:
        inbound.from_address = mail.from_address[:320]
        inbound.subject = mail.subject
        inbound.question = mail.question
    inbound.save()


def _thread_consultation(user: User, mail: ParsedMail) -> Consultation | None:
    """The member's consultation this message replies to: found by the
    Message-IDs it refers to, ours (a reply we sent) or theirs (an earlier
    question). Another member's thread is never continued."""
    referred = [message_id for message_id in (mail.in_reply_to, *mail.references) if message_id]
    if not referred:
        return None
    reply = Reply.objects.filter(message_id__in=referred, consultation__user=user).select_related(
        "consultation__conversation"
    )
    if found := reply.order_by("-pk").first():
        return found.consultation
    question = InboundMessage.objects.filter(message_id__in=referred, user=user, consultation__isnull=False)
    if found := question.select_related("consultation__conversation").order_by("-pk").first():
        return found.consultation
    return None
