"""`codingdesk mail-smtpd`: the SMTP receiver for the consultant addresses.

Started by `make run` (and `codingdesk run`) beside the web server and the
worker. It stores each accepted message in the database (InboundMessage) and
queues it for an answer; it sends nothing itself.
"""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from codingdesk.consultant.smtp_receiver import smtp_receiver


class Command(BaseCommand):
    help = "Receive consultant mail over SMTP (aiosmtpd)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.SMTP_RECEIVER_HOST)
        parser.add_argument("--port", type=int, default=settings.SMTP_RECEIVER_PORT)

    def handle(self, *args, host, port, **options):
        receiver = smtp_receiver(host=host, port=port)
        receiver.start()
        addresses = ", ".join(settings.CONSULTANT_ADDRESSES)
        self.stdout.write(f"Receiving mail for {addresses} on {host}:{port}", ending="\n")
        self.stdout.flush()
        stopped = threading.Event()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signal_number, lambda *_: stopped.set())
        stopped.wait()
        receiver.stop()
        self.stdout.write("SMTP receiver stopped.")
