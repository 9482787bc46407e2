"""The assistant's answer as Server-Sent Events, for the chat page's
script (assistant.js) and POST /api/v1/assistant/ask/stream.

Events, each ``event: <name>`` and one ``data:`` line of JSON:
- ``token``: ``{"text"}``, the next chunk of the answer's Markdown as it is written;
- ``done``: the saved answer (ids, the final Markdown rendered to safe HTML,
  codes, citations, follow-ups). Its HTML replaces the streamed text, which
  never carries the Sources list and is not what is saved;
- ``error``: ``{"detail"}``, when the engine fails mid-answer; and, for the
  chat page only, when the question cannot be asked (bad input, an unknown
  conversation, the daily quota). The API answers those with 400 or 429
  before any event.
"""

from __future__ import annotations

import datetime
import itertools
import json
import logging
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.urls import reverse

from codingdesk.accounts.models import User
from codingdesk.lib.markdown import markdown_to_html

from .models import Message
from .services import assistant_ask_stream

logger = logging.getLogger(__name__)

ENGINE_FAILED = "The assistant could not finish this answer. Your question is saved; please ask again."


def answer_events(
    *,
    user: User,
    text: str,
    conversation_id: int | None = None,
    code_context: tuple[str, str] | None = None,
    as_of: datetime.date | None = None,
) -> Iterator[str]:
    """The answer's events. The question's checks run here, before the first
    event: bad input raises AssistantInputError and a used-up day
    AssistantQuotaExceeded, so the caller can answer 400 or 429 while no
    response has begun."""
    stream = assistant_ask_stream(
        user=user, text=text, conversation_id=conversation_id, code_context=code_context, as_of=as_of
    )
    first = next(stream)
    return _events(itertools.chain([first], stream))


def error_events(error: Exception) -> Iterator[str]:
    """A stream of one error event, for the chat page's script."""
    yield _event("error", {"detail": str(error)})


def _events(items: Iterator[str | Message]) -> Iterator[str]:
    try:
        for item in items:
            if isinstance(item, Message):
                yield _event("done", _done(item))
            else:
                yield _event("token", {"text": item})
    except Exception:
        # The response has begun (status 200), so a crash can only be told as an event.
        logger.exception("The assistant failed while streaming an answer")
        yield _event("error", {"detail": ENGINE_FAILED})


def event_stream_response(events: Iterator[str]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(events, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx would otherwise hold the events back
    return response


def _event(name: str, data: dict) -> str:
    # json.dumps escapes newlines, so the data is always one line.
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


def _done(message: Message) -> dict:
    return {
        "message_id": message.pk,
        "conversation_id": message.conversation_id,
        "conversation_url": reverse("assistant:conversation", args=[message.conversation_id]),
        "kind": message.kind,
        "html": markdown_to_html(message.text),
        "codes": message.codes,
        "citations": message.citations,
        "follow_up_questions": message.follow_up_questions,
    }
