"""Build this node's search index from the database: ``codingdesk search-index
[--if-needed]``. ``make run`` runs it with --if-needed at start-up; the import
command rebuilds after every import. Writes only under SEARCH_INDEX_DIR."""

import time

from django.core.management.base import BaseCommand

from codingdesk import search


class Command(BaseCommand):
    help = "Build the code search index from the imported releases."

    def add_arguments(self, parser):
        parser.add_argument("--if-needed", action="store_true", help="Only when the releases changed since the last build.")

    def handle(self, *args, if_needed=False, **options):
        if if_needed and search.index_is_current():
            self.stdout.write("Search index is up to date.")
            return
        started = time.perf_counter()
        count = search.index_rebuild()
        self.stdout.write(f"Indexed {count:,} codes in {time.perf_counter() - started:.1f} s.")
