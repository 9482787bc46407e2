from django.apps import AppConfig


class EditsConfig(AppConfig):
    name = "codingdesk.edits"
    label = "edits"
    verbose_name = "NCCI edits and MUE limits"
