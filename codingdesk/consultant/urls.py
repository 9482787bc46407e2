from django.urls import path

from . import views

app_name = "consultant"

urlpatterns = [
    path("consultations/", views.consultation_list, name="list"),
    path("consultations/<int:consultation_id>/", views.consultation_detail, name="detail"),
]
