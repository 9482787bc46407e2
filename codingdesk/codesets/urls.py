from django.urls import path

from . import views

app_name = "codesets"
urlpatterns = [
    path("", views.system_list, name="home"),
    path("codes/", views.system_list, name="system_list"),
    path("codes/<str:system>/", views.system_browse, name="system_browse"),
    path("codes/<str:system>/changes", views.release_changes, name="release_changes"),
    path("codes/<str:system>/<str:code>", views.code_detail, name="code_detail"),
]
