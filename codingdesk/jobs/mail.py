"""The job board's emails: each is templates under jobs/emails/,
<name>_subject.txt, <name>_message.txt and, if it has one,
<name>_message.html, sent as text with an HTML alternative."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


def templated_email_send(*, to: list[str], name: str, context: dict, headers: dict | None = None) -> None:
    # One line whatever a posting's title holds: a newline in a subject is refused as header injection.
    subject = " ".join(render_to_string(f"jobs/emails/{name}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"jobs/emails/{name}_message.txt", context),
        to=list(to),
        headers=headers or {},
    )
    try:
        html = render_to_string(f"jobs/emails/{name}_message.html", context)
    except TemplateDoesNotExist:
        html = None
    if html is not None:
        message.attach_alternative(html, "text/html")
    message.send()
