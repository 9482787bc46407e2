from django.urls import path

from . import views

app_name = "claims"
urlpatterns = [
    path("tools/scrubber/", views.claim_scrubber, name="scrubber"),
]
