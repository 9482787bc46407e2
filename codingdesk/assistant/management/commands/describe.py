"""Write plain-English descriptions of codes as drafts for staff review:
``codingdesk describe --system S [--codes C ...] [--limit N] [--force]``.
Run by hand (or a scheduled job) after an import. Uses the LLM when
ASSISTANT_ENGINE=llm and ASSISTANT_LLM_URL is set, else the structured data;
writes only CodeDescription rows, and leaves approved ones alone unless --force."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from codingdesk.assistant.descriptions import code_descriptions_fill
from codingdesk.codesets.models import CodeSystem

PROGRESS_EVERY = 100


class Command(BaseCommand):
    help = "Write draft plain-English descriptions of the codes of one system."

    def add_arguments(self, parser):
        parser.add_argument("--system", required=True, choices=CodeSystem.values)
        parser.add_argument("--codes", nargs="+", metavar="CODE", help="Only these codes (as printed).")
        parser.add_argument("--limit", type=int, help="At most this many codes.")
        parser.add_argument("--force", action="store_true", help="Rewrite approved descriptions too (back to draft).")

    def handle(self, *args, system, codes=None, limit=None, force=False, **options):
        use_llm = settings.ASSISTANT_ENGINE == "llm" and bool(settings.ASSISTANT_LLM_URL)
        source = f"the LLM at {settings.ASSISTANT_LLM_URL}" if use_llm else "the structured data"
        self.stdout.write(f"Describing {system} codes from {source}.")
        try:
            result = code_descriptions_fill(
                system=system, codes=codes, use_llm=use_llm, limit=limit, force=force, on_progress=self._progress
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        parts = [f"{result.created} created", f"{result.refreshed} refreshed", f"{result.kept_approved} approved kept"]
        if result.skipped_cpt:
            parts.append(f"{result.skipped_cpt} CPT skipped (no CPT licence)")
        if result.not_found:
            parts.append(f"{result.not_found} not found")
        if use_llm:
            parts.append(f"{result.llm_fallbacks} fell back to structured text")
        self.stdout.write(f"Described {result.written} {system} codes: " + ", ".join(parts) + ".")

    def _progress(self, done: int, total: int) -> None:
        if done % PROGRESS_EVERY == 0 or done == total:
            self.stderr.write(f"  {done}/{total}")
