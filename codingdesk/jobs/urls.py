from django.urls import path

from .views import applications, employer, moderation, saved_searches, seeker

app_name = "jobs"

urlpatterns = [
    path("jobs/", seeker.job_list, name="list"),
    path("jobs/<int:pk>/", seeker.job_detail, name="detail"),
    # Job seekers (views/seeker.py, applications.py, saved_searches.py)
    path("jobs/feed/", seeker.job_feed, name="feed"),
    path("jobs/<int:pk>/apply/", applications.application_create_page, name="apply"),
    path("jobs/applications/", applications.application_list, name="application_list"),
    path("jobs/applications/<int:application_id>/resume/", applications.application_resume, name="application_resume"),
    path(
        "jobs/employer/postings/<int:posting_id>/applicants/",
        applications.application_applicants,
        name="application_applicants",
    ),
    path(
        "jobs/employer/applications/<int:application_id>/status/",
        applications.application_status,
        name="application_status",
    ),
    path("jobs/saved-searches/", saved_searches.saved_search_list_page, name="saved_search_list"),
    path(
        "jobs/saved-searches/<int:saved_search_id>/delete/",
        saved_searches.saved_search_delete_page,
        name="saved_search_delete",
    ),
    path(
        "jobs/alerts/unsubscribe/<str:token>/",
        saved_searches.saved_search_unsubscribe_page,
        name="saved_search_unsubscribe",
    ),
    # Employers (views/employer.py)
    path("jobs/employer/", employer.employer_dashboard, name="employer_dashboard"),
    path("jobs/employer/profile/", employer.employer_profile, name="employer_profile"),
    path("jobs/employers/<int:employer_id>/logo.png", employer.employer_logo, name="employer_logo"),
    path("jobs/employer/postings/new/", employer.posting_create, name="posting_create"),
    path("jobs/employer/postings/<int:posting_id>/", employer.employer_posting, name="employer_posting"),
    path("jobs/employer/postings/<int:posting_id>/edit/", employer.posting_edit, name="posting_edit"),
    path("jobs/employer/postings/<int:posting_id>/submit/", employer.posting_submit, name="posting_submit"),
    path("jobs/employer/postings/<int:posting_id>/renew/", employer.posting_renew, name="posting_renew"),
    path("jobs/employer/postings/<int:posting_id>/close/", employer.posting_close, name="posting_close"),
    # Moderation (views/moderation.py)
    path("jobs/<int:pk>/report/", moderation.posting_report, name="posting_report"),
    path("jobs/moderation/", moderation.moderation_queue, name="moderation_queue"),
    path("jobs/moderation/<int:posting_id>/approve/", moderation.moderation_approve, name="moderation_approve"),
    path("jobs/moderation/<int:posting_id>/return/", moderation.moderation_return, name="moderation_return"),
    path(
        "jobs/moderation/reports/<int:report_id>/resolve/",
        moderation.moderation_report_resolve,
        name="moderation_report_resolve",
    ),
]
