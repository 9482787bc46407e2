"""Real SMTP on loopback for the tests: a sink that keeps what it is sent,
and the free-port helper the receiver and the sink both start on."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SinkHandler:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.refuse_with: str | None = None  # e.g. "451 4.3.0 try later", to test retries

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_with:
            return self.refuse_with
        with self.lock:
            self.messages.append(message_from_bytes(envelope.original_content or envelope.content, policy=policy.default))
        return "250 OK"


class SmtpSink:
    """An SMTP server that accepts everything and keeps each message, parsed."""

    def __init__(self):
        self.handler = SinkHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, decode_data=False)

    @property
    def messages(self):
        with self.handler.lock:
            return list(self.handler.messages)

    def start(self) -> "SmtpSink":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
