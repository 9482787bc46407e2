"""Job board forms: postings.py (employers, staff review, reports) and
seekers.py (search, applying, saved searches)."""
