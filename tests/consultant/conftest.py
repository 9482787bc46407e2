"""Fixtures for the consultant: members on a plan with consultations, the
SMTP receiver and an outbound SMTP sink on loopback, and a task runner."""

import pytest
from django.core.cache import cache

from codingdesk.accounts.models import PlanName
from codingdesk.consultant.smtp_receiver import smtp_receiver
from tests.consultant.imap_server import dovecot, imap_server  # noqa: F401 (one Dovecot for the whole session)
from tests.consultant.smtp import SmtpSink, free_port


@pytest.fixture
def pro_alice(alice):
    alice.plan = PlanName.PRO
    alice.save()
    return alice


@pytest.fixture(autouse=True)
def consultant_settings(settings):
    settings.CONSULTANT_ADDRESSES = ["ask@localhost"]
    settings.CONSULTANT_REVIEW_FIRST = False
    settings.CONSULTANT_INVITE_UNKNOWN_SENDERS = False
    settings.SITE_URL = "https://coding.example"
    return settings


@pytest.fixture
def smtp_sink(settings):
    """Outbound mail goes over real SMTP to this sink."""
    sink = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.stop()


@pytest.fixture
def receiver():
    """The consultant's SMTP receiver on a free loopback port; .test_port says which.
    The per-sender hourly counts start from zero (the cache outlives test transactions)."""
    cache.clear()
    port = free_port()
    controller = smtp_receiver(host="127.0.0.1", port=port)
    controller.start()
    controller.test_port = port
    yield controller
    controller.stop()
