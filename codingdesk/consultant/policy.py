"""Who gets an answer. Reads only: the answering service acts on the decision.

The rules protect people who never wrote to us. A From address is easy to
forge, so mail from an unknown address gets no answer (no back-scatter), mail
whose DMARC or SPF check failed gets nothing at all, and auto-replies, bulk
mail and our own address are never answered (no reply loops). A forged From
of a member's address is stopped only by SPF/DMARC: with
CONSULTANT_AUTHSERV_ID set, a message is answered only when our own mail
server's Authentication-Results header shows a pass.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from codingdesk.accounts.models import User
from codingdesk.accounts.plans import plan_limits

from .models import InboundMessage, InboundStatus, InvitationSent, RejectReason, ReplyKind, ReplyStatus
from .parsing import ParsedMail

INVITATION_WINDOW = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Decision:
    """reject_reason is empty when the question is to be answered."""

    reject_reason: str = ""
    user: User | None = None
    reply_kind: str | None = None  # a notice or an invitation for a rejected message; None: send nothing



def inbound_decision(mail: ParsedMail) -> Decision:
    if mail.auto_submitted:
        return Decision(RejectReason.AUTO_REPLY)
    if mail.from_address in settings.CONSULTANT_ADDRESSES:
        return Decision(RejectReason.OWN_ADDRESS)
    if mail.authentication_failed:
        return Decision(RejectReason.AUTHENTICATION_FAILED)
    if settings.CONSULTANT_AUTHSERV_ID and not mail.authentication_passed:
        return Decision(RejectReason.UNAUTHENTICATED)
    if not mail.from_address:
        return Decision(RejectReason.MALFORMED)
    user = member_by_verified_address(mail.from_address)
    if user is None:
        invite = settings.CONSULTANT_INVITE_UNKNOWN_SENDERS and not _invited_recently(mail.from_address)
        return Decision(RejectReason.UNKNOWN_SENDER, reply_kind=ReplyKind.INVITATION if invite else None)
    if monthly_consultation_limit(user) == 0:
        return Decision(RejectReason.PLAN_EXCLUDES, user, ReplyKind.NOTICE)
    if not mail.question:
        return Decision(RejectReason.NO_QUESTION, user, ReplyKind.NOTICE)
    return Decision(user=user)


def member_by_verified_address(address: str) -> User | None:
    """The active account that has verified this address, if any."""
    email = (
        EmailAddress.objects.filter(email__iexact=address, verified=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    return email.user if email else None


def monthly_consultation_limit(user: User) -> int | None:
    """None means unlimited, as it does for every plan limit (and when metering is off)."""
    if not settings.METERING_ENABLED:
        return None
    return plan_limits(name=user.effective_plan).email_consultations_per_month


def consultations_this_month(user: User) -> int:
    """Answers written for the member since the first of this calendar month."""
    start_of_month = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    # An answer staff discarded in review was never given, so it does not count.
    return (
        InboundMessage.objects.filter(user=user, status=InboundStatus.ANSWERED, processed_at__gte=start_of_month)
        .exclude(reply__status=ReplyStatus.DISCARDED)
        .count()
    )


def _invited_recently(address: str) -> bool:
    return InvitationSent.objects.filter(
        address=address, sent_at__gte=timezone.now() - INVITATION_WINDOW
    ).exists()
