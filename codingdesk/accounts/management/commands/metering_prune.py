"""``codingdesk metering-prune``: forget code page views older than the
metering window (METERING_WINDOW_DAYS). Run it daily, from cron or a timer;
it touches only the CodeView and MeterLock tables."""

from django.core.management.base import BaseCommand

from codingdesk.accounts.metering import code_views_prune


class Command(BaseCommand):
    help = "Delete metered code page views older than the metering window."

    def handle(self, *args, **options):
        views, locks = code_views_prune()
        self.stdout.write(f"Deleted {views} expired code page views and {locks} unused guest lock rows.")
