"""The chat page (/assistant/), each saved conversation, the form that asks
(also used by the panel on code pages), and its streaming variant for the
page's script."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from codingdesk.lib.markdown import markdown_to_html

from .models import Conversation, MessageRole
from .services import AssistantInputError, AssistantQuotaExceeded, assistant_ask, conversation_get
from .streaming import answer_events, error_events, event_stream_response

EXAMPLE_QUESTIONS = [
    "What is CPT code 99213?",
    "Guidelines for E/M services",
    "What is E11.22?",
    "Code for broken leg",
    "When do I use modifier 59 vs XU?",
    "How do I sequence sepsis with septic shock?",
]
CONVERSATIONS_LISTED = 50


@login_required
def assistant_chat(request: HttpRequest) -> HttpResponse:
    return render(request, "assistant/assistant_chat.html", _page_context(request, conversation=None))


@login_required
def conversation_detail(request: HttpRequest, conversation_id: int) -> HttpResponse:
    try:
        conversation = conversation_get(user=request.user, conversation_id=conversation_id)
    except AssistantInputError:
        raise Http404("There is no such conversation in your account.") from None
    return render(request, "assistant/assistant_chat.html", _page_context(request, conversation=conversation))


@require_POST
@login_required
def assistant_question(request: HttpRequest) -> HttpResponse:
    conversation_id = request.POST.get("conversation_id") or None
    code_context = None
    if request.POST.get("code_system") and request.POST.get("code"):
        code_context = (request.POST["code_system"], request.POST["code"])
    try:
        message = assistant_ask(
            user=request.user,
            text=request.POST.get("question", ""),
            conversation_id=int(conversation_id) if conversation_id and conversation_id.isdigit() else None,
            code_context=code_context,
        )
    except (AssistantInputError, AssistantQuotaExceeded) as error:
        messages.error(request, str(error))
        if conversation_id and conversation_id.isdigit():
            return redirect("assistant:conversation", conversation_id=int(conversation_id))
        return redirect("assistant:chat")
    return redirect(reverse("assistant:conversation", args=[message.conversation_id]) + f"#message-{message.pk}")


@require_POST
@login_required
def assistant_stream(request: HttpRequest) -> StreamingHttpResponse:
    """The chat form's fields, answered as Server-Sent Events (see streaming.py) for assistant.js."""
    conversation_id = request.POST.get("conversation_id", "")
    code_context = None
    if request.POST.get("code_system") and request.POST.get("code"):
        code_context = (request.POST["code_system"], request.POST["code"])
    try:
        events = answer_events(
            user=request.user,
            text=request.POST.get("question", ""),
            conversation_id=int(conversation_id) if conversation_id.isdigit() else None,
            code_context=code_context,
        )
    except (AssistantInputError, AssistantQuotaExceeded) as error:
        # The page's script shows it where the answer would have been.
        events = error_events(error)
    return event_stream_response(events)


def _page_context(request: HttpRequest, *, conversation: Conversation | None) -> dict:
    turns = []
    if conversation is not None:
        for message in conversation.messages.all():
            turns.append({
                "message": message,
                "is_answer": message.role == MessageRole.ASSISTANT,
                "html": markdown_to_html(message.text) if message.role == MessageRole.ASSISTANT else "",
            })
    return {
        "conversation": conversation,
        "turns": turns,
        "conversations": Conversation.objects.filter(user=request.user)[:CONVERSATIONS_LISTED],
        "examples": EXAMPLE_QUESTIONS,
    }
