from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "codingdesk.coverage"
    label = "coverage"
    verbose_name = "Medicare coverage index"
