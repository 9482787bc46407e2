"""The email consultant's writes, in the order mail flows through them:

- inbound.py: store a message as it arrives (the SMTP receiver and the IMAP
  poller call this before they acknowledge it);
- answering.py: decide whether to answer, answer with the assistant, write the reply;
- sending.py: send a reply exactly once, with retries;
- review.py: staff approve, edit or discard answers in review-first mode.
"""

from .answering import inbound_message_process
from .inbound import inbound_message_store
from .review import reply_approve, reply_discard
from .sending import reply_send

__all__ = ["inbound_message_process", "inbound_message_store", "reply_approve", "reply_discard", "reply_send"]
