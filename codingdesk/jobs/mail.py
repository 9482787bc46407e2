"""Seeker-side emails: each is three templates under jobs/emails/
(<name>_subject.txt, <name>_message.txt and <name>_message.html), sent as
text with an HTML alternative."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def templated_email_send(*, to: str, name: str, context: dict, headers: dict | None = None) -> None:
    subject = " ".join(render_to_string(f"jobs/emails/{name}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"jobs/emails/{name}_message.txt", context),
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(render_to_string(f"jobs/emails/{name}_message.html", context), "text/html")
    message.send()
