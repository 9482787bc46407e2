"""Approve a job posting awaiting review: ``codingdesk jobs approve ID``.

Run by staff on the server, as the admin's approve action is. Publishes the
posting for JOBS_POSTING_DAYS and emails its employer.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from codingdesk.jobs.models import JobPosting
from codingdesk.jobs.services.postings import job_posting_approve


class Command(BaseCommand):
    help = "Approve and publish a job posting that awaits review."

    def add_arguments(self, parser):
        parser.add_argument("posting_id", type=int, help="The posting's id, as in the review queue and the admin.")

    def handle(self, *args, posting_id, **options):
        posting = JobPosting.objects.select_related("employer").filter(pk=posting_id).first()
        if posting is None:
            raise CommandError(f"There is no job posting {posting_id}.")
        try:
            job_posting_approve(posting=posting, reviewer=None)
        except ValidationError as error:
            raise CommandError(f"{' '.join(error.messages)} Posting {posting_id} is {posting.status}.") from error
        self.stdout.write(
            f"Published {posting_id}: {posting.title} ({posting.employer.name}), until {posting.expires_at:%Y-%m-%d}."
        )
