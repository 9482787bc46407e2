"""`codingdesk mail-fetch`: poll the IMAP mailbox (IMAP_* settings) for
consultant mail, for sites whose mail lands in a hosted mailbox.

Run as a long-lived process beside the web server and the worker, or from
cron with --once. Each message it finds is stored in the database
(InboundMessage, queued for an answer) and then marked $CodingDeskStored on
the server; it sends nothing itself. SIGTERM or SIGINT stops it between polls.
"""

import signal
import ssl
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from codingdesk.consultant import imap

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Command(BaseCommand):
    help = "Fetch consultant mail from the IMAP mailbox in IMAP_HOST."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Poll once and exit.")
        parser.add_argument(
            "--interval", type=float, metavar="SECONDS", help="Seconds between polls (default IMAP_POLL_SECONDS)."
        )
        parser.add_argument(
            "--ca-file", metavar="PATH", default=settings.IMAP_CA_FILE or None, help="Trust the server certificate issued by this CA (PEM), e.g. a private CA."
        )

    def handle(self, *args, once=False, interval=None, ca_file=None, **options):
        if not settings.IMAP_HOST:
            raise CommandError("IMAP_HOST is not set: there is no mailbox to fetch from.")
        mailbox = self.mailbox_from_settings(ca_file)
        if once:
            self.poll(mailbox)
            return
        self.poll_until_stopped(mailbox, interval if interval is not None else settings.IMAP_POLL_SECONDS)

    def mailbox_from_settings(self, ca_file: str | None) -> dict:
        return {
            "host": settings.IMAP_HOST,
            "port": settings.IMAP_PORT,
            "user": settings.IMAP_USER,
            "password": settings.IMAP_PASSWORD,
            "use_tls": settings.IMAP_USE_TLS,
            "folder": settings.IMAP_FOLDER,
            "ssl_context": ssl.create_default_context(cafile=ca_file) if ca_file else None,
        }

    def poll(self, mailbox: dict) -> imap.FetchResult:
        try:
            result = imap.mailbox_fetch_once(**mailbox)
        except imap.MailboxUnavailable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(summary(result))
        return result

    def poll_until_stopped(self, mailbox: dict, interval: float) -> None:
        stopped = threading.Event()
        # A signal only sets the event, so a poll under way finishes (and marks
        # what it stored) before the loop ends.
        previous = {number: signal.signal(number, lambda *_: stopped.set()) for number in STOP_SIGNALS}
        self.stdout.write(f"Fetching mail from {mailbox['host']}:{mailbox['port']} every {interval:g} seconds")
        self.stdout.flush()
        try:
            while not stopped.is_set():
                self.poll_and_carry_on(mailbox)
                # The database connection idles between polls; drop it if the server closed it.
                close_old_connections()
                stopped.wait(interval)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
        self.stdout.write("Mail fetcher stopped.")

    def poll_and_carry_on(self, mailbox: dict) -> None:
        """A login refusal stops the fetcher, since retrying will not fix a wrong
        password; a dropped connection or an unreachable server is retried (a
        new connection) at the next poll."""
        try:
            result = imap.mailbox_fetch_once(**mailbox)
        except imap.MailboxLoginFailed as error:
            raise CommandError(str(error)) from error
        except imap.MailboxUnavailable as error:
            self.stderr.write(f"{error}; retrying in the next poll")
            return
        if result != imap.FetchResult():
            self.stdout.write(summary(result))
            self.stdout.flush()


def summary(result: imap.FetchResult) -> str:
    return f"Stored {result.stored} new messages ({result.duplicates} already stored, {result.failed} failed)"
