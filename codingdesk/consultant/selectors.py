"""Reads for the consultation pages and the profile."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from codingdesk.accounts.models import User

from .models import Consultation, InboundMessage, InboundStatus, Reply, ReplyKind


def consultation_list(*, user: User) -> QuerySet[Consultation]:
    return Consultation.objects.filter(user=user).annotate(question_count=Count("questions"))


def consultation_get(*, user: User, consultation_id: int) -> Consultation:
    """The member's own consultation; 404 for any other, so ids reveal nothing."""
    consultation = Consultation.objects.filter(pk=consultation_id, user=user).first()
    if consultation is None:
        raise Http404("No such consultation in your account.")
    return consultation


def consultation_thread(*, consultation: Consultation) -> list[tuple[InboundMessage, Reply | None]]:
    """Each question in order, with the answer we wrote for it (None while it waits)."""
    questions = (
        InboundMessage.objects.filter(consultation=consultation, status=InboundStatus.ANSWERED)
        .select_related("reply")
        .order_by("received_at", "pk")
    )
    return [(question, _answer_of(question)) for question in questions]


def _answer_of(question: InboundMessage) -> Reply | None:
    reply = getattr(question, "reply", None)
    return reply if reply is not None and reply.kind == ReplyKind.ANSWER else None
