"""Every write on the job board: employers' profiles and postings
(employers.py, postings.py), staff review and users' reports (moderation.py),
applications (applications.py) and saved-search alerts (alerts.py)."""
