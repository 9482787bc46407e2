"""My consultations: the member's email consultations and each thread."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from codingdesk.lib.markdown import markdown_to_html

from . import selectors
from .compose import consultant_address
from .models import ReplyStatus


@login_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "consultant/consultation_list.html",
        {"consultations": selectors.consultation_list(user=request.user), "address": consultant_address()},
    )


@login_required
def consultation_detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, consultation_id=consultation_id)
    turns = [
        {
            "question": question,
            "answer": answer,
            # An answer waiting for a staff coder's review is not shown until it is sent.
            "answer_html": markdown_to_html(answer.body_markdown)
            if answer and answer.status not in (ReplyStatus.PENDING_REVIEW, ReplyStatus.DISCARDED)
            else "",
        }
        for question, answer in selectors.consultation_thread(consultation=consultation)
    ]
    return render(
        request,
        "consultant/consultation_detail.html",
        {"consultation": consultation, "turns": turns, "address": consultant_address()},
    )
