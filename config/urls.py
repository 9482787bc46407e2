from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.shortcuts import render
from django.urls import include, path

from .api import api

# Staff sign in through the site's own login page, so the admin shares its
# throttling of failed logins and its session handling.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("account/", include("codingdesk.accounts.urls")),
    path("account/", include("allauth.urls")),
    path("", include("codingdesk.assistant.urls")),
    path("", include("codingdesk.search.urls")),
    path("", include("codingdesk.codesets.urls")),
    path("", include("codingdesk.claims.urls")),
    path("", include("codingdesk.edits.urls")),
    path("", include("codingdesk.fees.urls")),
    path("", include("codingdesk.consultant.urls")),
    path("", include("codingdesk.jobs.urls")),
]

if settings.DEBUG:
    # Uploaded company logos, for the admin's "Currently:" link. Pages show
    # logos through jobs:employer_logo, which also works without DEBUG.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)


def bad_request(request, exception):
    """Django's own 400 view hides the reason; ours says what to fix."""
    return render(request, "400.html", {"exception": str(exception)}, status=400)


handler400 = bad_request
