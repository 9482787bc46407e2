from django.apps import AppConfig


class ConsultantConfig(AppConfig):
    name = "codingdesk.consultant"
    label = "consultant"
    verbose_name = "Email consultant"
