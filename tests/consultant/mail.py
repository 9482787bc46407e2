"""Raw test emails, built the way a mail client writes them."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from django.utils import timezone

ASK = "ask@localhost"


def question_mail(
    *,
    sender: str = "alice@example.com",
    to: str = ASK,
    subject: str = "Sepsis sequencing",
    body: str = "How do I sequence sepsis with septic shock?",
    message_id: str | None = None,
    in_reply_to: str = "",
    references: str = "",
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = message_id or make_msgid(domain="example.com")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = references
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes()
