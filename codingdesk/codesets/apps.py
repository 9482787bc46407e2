from django.apps import AppConfig


class CodesetsConfig(AppConfig):
    name = "codingdesk.codesets"
    verbose_name = "Code sets"
