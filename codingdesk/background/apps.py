from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "codingdesk.background"
    label = "background"
    verbose_name = "Background work"
