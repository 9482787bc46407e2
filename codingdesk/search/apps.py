from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "codingdesk.search"
    verbose_name = "Code search"
