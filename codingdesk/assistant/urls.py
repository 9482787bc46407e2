from django.urls import path

from . import views

app_name = "assistant"

urlpatterns = [
    path("assistant/", views.assistant_chat, name="chat"),
    path("assistant/ask/", views.assistant_question, name="ask"),
    path("assistant/stream/", views.assistant_stream, name="stream"),
    path("assistant/<int:conversation_id>/", views.conversation_detail, name="conversation"),
]
