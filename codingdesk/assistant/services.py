"""Asking the assistant: check the question and the member's daily quota,
answer with the configured engine, and keep both turns in the conversation.

Called by the chat page, the code-page panel and the API.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from codingdesk.accounts.models import User
from codingdesk.accounts.plans import plan_limits

from .engines.base import Answer, AnswerKind, Engine, Question
from .engines.grounded import GroundedEngine
from .engines.llm import LlmEngine
from .models import Conversation, Message, MessageRole

MAX_QUESTION_LENGTH = 4000
HISTORY_TURNS = 10  # earlier messages given to the engine as context
# Between whitespace and the next word: a streamed chunk is a word and the space after it.
WORD_BOUNDARY = re.compile(r"(?<=\s)(?=\S)")
NO_CITATION_NOTE = "_No source backs this answer: check it against the code set before you use it._"


class AssistantInputError(ValueError):
    """The question cannot be asked as given; the message says why."""


class AssistantQuotaExceeded(Exception):
    def __init__(self, *, limit: int, plan: str, retry_after: int):
        self.retry_after = retry_after
        super().__init__(
            f"The {plan} plan includes {limit} assistant question{'' if limit == 1 else 's'} a day, "
            f"and today's are used. They renew at midnight."
        )


def assistant_engine() -> Engine:
    """The LLM engine when one is configured (it falls back to the grounded one on failure)."""
    if settings.ASSISTANT_ENGINE == "llm" and settings.ASSISTANT_LLM_URL:
        return LlmEngine()
    return GroundedEngine()


def assistant_ask(
    *,
    user: User,
    text: str,
    conversation_id: int | None = None,
    code_context: tuple[str, str] | None = None,
    as_of: datetime.date | None = None,
) -> Message:
    """Ask one question; returns the saved answer message."""
    *_, message = assistant_ask_stream(
        user=user, text=text, conversation_id=conversation_id, code_context=code_context, as_of=as_of
    )
    return message


def conversation_get(*, user: User, conversation_id: int) -> Conversation:
    """The member's own conversation; AssistantInputError for any other."""
    conversation = Conversation.objects.filter(pk=conversation_id, user=user).first()
    if conversation is None:
        raise AssistantInputError(f"There is no conversation {conversation_id} in your account.")
    return conversation


def _conversation_for(user, conversation_id, code_context, text) -> Conversation:
    if conversation_id is not None:
        return conversation_get(user=user, conversation_id=conversation_id)
    system, code = code_context or ("", "")
    return Conversation.objects.create(user=user, title=text[:120], code_system=system, code=code)


def _history(conversation: Conversation) -> tuple[tuple[str, str], ...]:
    recent = list(conversation.messages.order_by("-created_at", "-pk")[:HISTORY_TURNS])
    return tuple((message.role, message.text) for message in reversed(recent))


def _spend_daily_question(user: User) -> None:
    """Under a lock on the member's row, so two tabs cannot both ask the last question."""
    if not settings.METERING_ENABLED:
        return
    limits = plan_limits(name=user.effective_plan)
    limit = limits.assistant_questions_per_day
    if limit is None:
        return
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    now = timezone.localtime()
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    asked = Message.objects.filter(
        conversation__user=user, role=MessageRole.USER, created_at__gte=start_of_day
    ).count()
    if asked >= limit:
        tomorrow = start_of_day + datetime.timedelta(days=1)
        raise AssistantQuotaExceeded(
            limit=limit, plan=limits.label, retry_after=max(1, int((tomorrow - now).total_seconds()))
        )


def _with_sources(answer: Answer) -> Answer:
    """The numbered **Sources** list under every answer, or a warning when an answer has none."""
    if answer.citations and "**Sources:**" not in answer.markdown:
        sources = "\n".join(
            f"{number}. [{citation.label}]({citation.url})" if citation.url else f"{number}. {citation.label}"
            for number, citation in enumerate(answer.citations, start=1)
        )
        answer.markdown = f"{answer.markdown.rstrip()}\n\n**Sources:**\n{sources}\n"
    elif not answer.citations and answer.kind == AnswerKind.ANSWER:
        answer.markdown = f"{answer.markdown.rstrip()}\n\n{NO_CITATION_NOTE}\n"
    return answer


def assistant_answer(
    *,
    text: str,
    as_of: datetime.date,
    history: tuple[tuple[str, str], ...] = (),
    code_context: tuple[str, str] | None = None,
) -> tuple[Answer, str]:
    """The engine's verified answer with its Sources list, and the engine's
    name; nothing is saved. For callers that keep the turn themselves (the
    email consultant writes it with its reply, in one transaction)."""
    engine = assistant_engine()
    question = Question(text=text, as_of=as_of, code_context=code_context, history=history)
    return _with_sources(engine.answer(question)), engine.name


def conversation_start(*, user: User, title: str) -> Conversation:
    return Conversation.objects.create(user=user, title=title[:120])


def conversation_history(*, conversation: Conversation) -> tuple[tuple[str, str], ...]:
    """The latest turns, oldest first, as the engines take them."""
    return _history(conversation)


def conversation_turn_record(
    *, conversation: Conversation, text: str, answer: Answer, engine_name: str, as_of: datetime.date
) -> Message:
    """Save a question and its answer; returns the answer message."""
    Message.objects.create(conversation=conversation, role=MessageRole.USER, text=text, as_of=as_of)
    return _answer_message_create(conversation, answer, engine_name, as_of)


def _answer_message_create(conversation, answer: Answer, engine_name: str, as_of) -> Message:
    message = Message.objects.create(
        conversation=conversation,
        role=MessageRole.ASSISTANT,
        text=answer.markdown,
        kind=answer.kind,
        engine=engine_name,
        codes=[vars(mention) for mention in answer.codes],
        citations=[vars(citation) for citation in answer.citations],
        follow_up_questions=list(answer.follow_up_questions),
        as_of=as_of,
    )
    conversation.save(update_fields=["updated_at"])
    return message


def assistant_ask_stream(
    *,
    user: User,
    text: str,
    conversation_id: int | None = None,
    code_context: tuple[str, str] | None = None,
    as_of: datetime.date | None = None,
) -> Iterator[str | Message]:
    """assistant_ask for answers that stream in: yields the answer's text in
    chunks as the engine writes it, then the saved answer Message.

    The checks run, and the question is saved, on the first ``next()``; they
    raise as assistant_ask's do. The saved text is the engine's final, verified
    Answer, never the streamed chunks: the LLM engine removes codes from its
    chunks as it goes, but only the final Answer carries the Sources list.
    """
    text = (text or "").strip()
    if not text:
        raise AssistantInputError("Ask a question: the question is empty.")
    if len(text) > MAX_QUESTION_LENGTH:
        raise AssistantInputError(
            f"A question can be at most {MAX_QUESTION_LENGTH:,} characters; this one has {len(text):,}."
        )
    as_of = as_of or timezone.localdate()
    with transaction.atomic():
        conversation = _conversation_for(user, conversation_id, code_context, text)
        _spend_daily_question(user)
        history = _history(conversation)
        Message.objects.create(conversation=conversation, role=MessageRole.USER, text=text, as_of=as_of)
    if code_context is None and conversation.code:
        code_context = (conversation.code_system, conversation.code)
    engine = assistant_engine()
    question = Question(text=text, as_of=as_of, code_context=code_context, history=history)
    if isinstance(engine, LlmEngine):
        answer = None
        for item in engine.stream(question):
            if isinstance(item, Answer):
                answer = _with_sources(item)
            else:
                yield item
    else:
        # The grounded engine answers at once: its final text goes out word by word.
        answer = _with_sources(engine.answer(question))
        yield from (word for word in WORD_BOUNDARY.split(answer.markdown) if word)
    yield _answer_message_create(conversation, answer, engine.name, as_of)

