from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "codingdesk.jobs"
    label = "jobs"
    verbose_name = "Job board"
