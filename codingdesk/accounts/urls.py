"""Member pages under /account/, beside django-allauth's sign-up, login,
password and email pages (included in config/urls.py at the same prefix)."""

from django.urls import path

from .views import api_keys, favorites, history, notes, profile, team

app_name = "accounts"

urlpatterns = [
    path("", profile.profile_page, name="profile"),
    path("favorites/", favorites.favorite_list, name="favorite_list"),
    path("favorites/<str:system>/<str:code>/", favorites.favorite_toggle, name="favorite_toggle"),
    path("notes/", notes.code_note_list, name="code_note_list"),
    path("notes/<str:system>/<str:code>/", notes.code_note_save, name="code_note_save"),
    path("history/", history.search_history_page, name="search_history"),
    path("history/settings/", history.search_history_settings, name="search_history_settings"),
    path("history/clear/", history.search_history_clear, name="search_history_clear"),
    path("api-keys/", api_keys.api_key_list, name="api_key_list"),
    path("api-keys/<str:key_id>/revoke/", api_keys.api_key_revoke, name="api_key_revoke"),
    path("team/", team.team_page, name="team"),
    path("team/create/", team.team_create, name="team_create"),
    path("team/invite/", team.team_invite, name="team_invite"),
    path("team/members/remove/", team.team_member_remove, name="team_member_remove"),
    path("team/join/<str:token>/", team.team_join, name="team_join"),
]
