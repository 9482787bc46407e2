"""The replies we write: their subject, threading headers and body, and the
email built from them at send time (so an answer edited in review is sent as
edited). Builds objects; saving and sending are the services' job."""

from __future__ import annotations

import re
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from codingdesk.assistant.engines.base import Answer
from codingdesk.lib.markdown import markdown_to_html

from .models import Consultation, InboundMessage, RejectReason, Reply, ReplyKind
from .parsing import ParsedMail

# A Markdown link to a page of this site: [E11.22](/codes/icd10cm/E11.22/).
SITE_LINK = re.compile(r"\]\((/[^)\s]*)\)")
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
MAX_REFERENCES = 20  # the References header stays a sensible length in long threads

NOTICES = {
    RejectReason.PLAN_EXCLUDES: (
        "Your plan does not include email consultations, so this question was not answered. "
        "Pro and Team plans include them: see your account at {account_url}"
    ),
    RejectReason.OVER_QUOTA: (
        "You have used this month's email consultations, so this question was not answered. "
        "They renew on the first of the month; your account shows your usage: {account_url}"
    ),
    RejectReason.NO_QUESTION: (
        "We could not find a question in your email. Write your question in the body of the message "
        "(attachments are not read) and send it again."
    ),
}


def answer_reply(
    *, inbound: InboundMessage, mail: ParsedMail, consultation: Consultation, answer: Answer
) -> Reply:
    body = answer.markdown.rstrip()
    if mail.attachment_names:
        names = ", ".join(mail.attachment_names)
        body += (
            f"\n\n_Your message had attachments ({names}). The consultant reads only the text of your email, "
            "so they were not read._"
        )
    return _reply(inbound, mail, ReplyKind.ANSWER, body, consultation=consultation)


def notice_reply(*, inbound: InboundMessage, mail: ParsedMail, reason: str) -> Reply:
    body = NOTICES[reason].format(account_url=site_url(reverse("accounts:profile")))
    return _reply(inbound, mail, ReplyKind.NOTICE, body)


def invitation_reply(*, inbound: InboundMessage, mail: ParsedMail) -> Reply:
    body = (
        "Thank you for your question. Email consultations are answered for CodingDesk members writing from "
        f"the verified address of their account. You can register at {site_url(reverse('account_signup'))}"
    )
    return _reply(inbound, mail, ReplyKind.INVITATION, body)


def _reply(inbound, mail: ParsedMail, kind: str, body: str, *, consultation=None) -> Reply:
    references = [*mail.references, mail.message_id] if mail.message_id else list(mail.references)
    return Reply(
        inbound=inbound,
        consultation=consultation,
        kind=kind,
        to_address=mail.from_address,
        subject=reply_subject(mail.subject),
        message_id=make_msgid(domain=consultant_address().rpartition("@")[2] or "localhost"),
        in_reply_to=mail.message_id,
        references=" ".join(references[-MAX_REFERENCES:]),
        body_markdown=body,
    )


def reply_subject(subject: str) -> str:
    subject = subject.strip() or "Your coding question"
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def consultant_address() -> str:
    return settings.CONSULTANT_ADDRESSES[0]


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def reply_email(reply: Reply, *, connection=None) -> EmailMultiAlternatives:
    """The email for a reply: a text part and an HTML part, the codes and
    sources as links to the site, and a footer naming the consultation."""
    markdown = SITE_LINK.sub(lambda match: f"]({site_url(match.group(1))})", reply.body_markdown)
    context = {
        "reply": reply,
        "text_body": MARKDOWN_LINK.sub(r"\1 <\2>", markdown),
        "html_body": markdown_to_html(markdown),
        "consultation_url": (
            site_url(reverse("consultant:detail", args=[reply.consultation_id])) if reply.consultation_id else ""
        ),
    }
    headers = {
        "Message-ID": reply.message_id,
        # RFC 3834: an automatic reply, which well-behaved autoresponders never answer.
        "Auto-Submitted": "auto-replied",
    }
    if reply.in_reply_to:
        headers["In-Reply-To"] = reply.in_reply_to
    if reply.references:
        headers["References"] = reply.references
    email = EmailMultiAlternatives(
        subject=reply.subject,
        body=render_to_string("consultant/emails/reply.txt", context),
        from_email=f"CodingDesk consultant <{consultant_address()}>",
        to=[reply.to_address],
        headers=headers,
        connection=connection,
    )
    email.attach_alternative(render_to_string("consultant/emails/reply.html", context), "text/html")
    return email
