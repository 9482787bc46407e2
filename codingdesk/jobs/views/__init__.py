"""The job board's pages: seeker.py (search, job page, feed),
applications.py (applying, "my applications", the employer's applicants),
saved_searches.py (saved searches and unsubscribe), employer.py (profile and
postings), moderation.py (staff queue and reports)."""

from .seeker import job_list

__all__ = ["job_list"]
