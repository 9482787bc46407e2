from django.urls import path

from . import views

app_name = "edits"
urlpatterns = [
    path("tools/ncci-ptp/", views.ptp_tool, name="ptp_tool"),
    path("tools/mue/", views.mue_tool, name="mue_tool"),
]
