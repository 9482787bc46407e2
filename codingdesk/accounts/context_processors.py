"""Metering facts that page templates mention."""

from django.conf import settings


def account(request):
    return {"metering_enabled": settings.METERING_ENABLED, "metering_window_days": settings.METERING_WINDOW_DAYS}
