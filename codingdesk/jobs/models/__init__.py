"""The job board's models: employers and postings (postings.py), and what
job seekers keep (seekers.py: applications and saved searches)."""

from .postings import (
    STATE_CODES,
    US_STATES,
    Credential,
    Employer,
    EmploymentType,
    ExperienceLevel,
    JobPosting,
    JobReport,
    LocationType,
    PayPeriod,
    PostingStatus,
    ReportReason,
    ReviewFlag,
    Specialty,
)
from .seekers import AlertFrequency, Application, ApplicationStatus, SavedSearch

__all__ = [
    "AlertFrequency",
    "Application",
    "ApplicationStatus",
    "SavedSearch",
    "STATE_CODES",
    "US_STATES",
    "Credential",
    "Employer",
    "EmploymentType",
    "ExperienceLevel",
    "JobPosting",
    "JobReport",
    "LocationType",
    "PayPeriod",
    "PostingStatus",
    "ReportReason",
    "ReviewFlag",
    "Specialty",
]
