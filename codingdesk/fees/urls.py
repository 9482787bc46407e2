from django.urls import path

from . import views

app_name = "fees"
urlpatterns = [
    path("tools/fees/", views.fee_tool, name="fee_tool"),
]
