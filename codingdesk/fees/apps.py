from django.apps import AppConfig


class FeesConfig(AppConfig):
    name = "codingdesk.fees"
    label = "fees"
    verbose_name = "Medicare physician fee schedule"
