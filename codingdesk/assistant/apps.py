from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "codingdesk.assistant"
    label = "assistant"
    verbose_name = "Coding assistant"
