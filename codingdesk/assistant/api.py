"""The assistant under /api/v1/assistant: ask a question, get a cited answer.
Members only (an API key); the answer is saved to the member's conversations."""

from __future__ import annotations

from contextlib import contextmanager

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from codingdesk.accounts.api_limits import ApiLimitExceeded

from .schemas import AskIn, AskOut, AssistantErrorOut
from .services import AssistantInputError, AssistantQuotaExceeded, assistant_ask
from .streaming import answer_events, event_stream_response

router = Router(tags=["assistant"])


@router.post(
    "/assistant/ask",
    response={200: AskOut, 400: AssistantErrorOut, 401: AssistantErrorOut, 403: AssistantErrorOut,
              429: AssistantErrorOut},
    summary="Ask the coding assistant; every code in the answer is checked and every claim cited",
)
def assistant_ask_api(request: HttpRequest, payload: AskIn):
    user = request.auth.user
    if user is None:
        raise HttpError(403, "The assistant is for members: send your API key as 'Authorization: Bearer cdk_...'.")
    with _question_errors_as_http():
        message = assistant_ask(
            user=user,
            text=payload.question,
            conversation_id=payload.conversation_id,
            code_context=_code_context(payload.code_context),
            as_of=payload.as_of,
        )
    return {
        "answer": message.text,
        "kind": message.kind,
        "codes": message.codes,
        "citations": message.citations,
        "follow_up_questions": message.follow_up_questions,
        "conversation_id": message.conversation_id,
    }


STREAM_DESCRIPTION = """\
The same question as `POST /api/v1/assistant/ask`, answered as Server-Sent Events
(`text/event-stream`) while it is written. Each event is `event: <name>` and one `data:` line of JSON:

- `token`: `{"text": "..."}`, the next chunk of the answer's Markdown;
- `done`: `{"message_id", "conversation_id", "conversation_url", "kind", "html", "codes", "citations",
  "follow_up_questions"}`, the saved answer. `html` is the final, verified answer rendered to safe HTML:
  it replaces the streamed text, which lacks the **Sources** list and the final checks;
- `error`: `{"detail": "..."}`, when the answer could not be finished.

Errors found before the stream begins are JSON, as elsewhere: 400 for an empty or too long question, a
conversation that is not yours or a malformed body, 401/403 for the key, 429 when today's assistant
questions are used.
"""


@router.post(
    "/assistant/ask/stream",
    response={400: AssistantErrorOut, 401: AssistantErrorOut, 403: AssistantErrorOut, 429: AssistantErrorOut},
    summary="Ask the coding assistant and receive the answer as Server-Sent Events while it is written",
    description=STREAM_DESCRIPTION,
    openapi_extra={
        "responses": {
            "200": {
                "description": "A stream of `token` events, then one `done` or `error` event.",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def assistant_ask_stream_api(request: HttpRequest, payload: AskIn):
    user = request.auth.user
    if user is None:
        raise HttpError(403, "The assistant is for members: send your API key as 'Authorization: Bearer cdk_...'.")
    with _question_errors_as_http():
        events = answer_events(
            user=user,
            text=payload.question,
            conversation_id=payload.conversation_id,
            code_context=_code_context(payload.code_context),
            as_of=payload.as_of,
        )
    return event_stream_response(events)


@contextmanager
def _question_errors_as_http():
    """A question that cannot be asked: 400 for bad input, 429 over the daily quota."""
    try:
        yield
    except AssistantInputError as error:
        raise HttpError(400, str(error)) from None
    except AssistantQuotaExceeded as error:
        raise ApiLimitExceeded(retry_after=error.retry_after, detail=str(error)) from None


def _code_context(value: dict[str, str] | None) -> tuple[str, str] | None:
    if not value:
        return None
    if not value.get("system") or not value.get("code"):
        raise HttpError(400, 'code_context needs both "system" and "code", e.g. {"system": "icd10cm", "code": "E11.22"}.')
    return value["system"], value["code"]
