from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "codingdesk.claims"
    label = "claims"
    verbose_name = "Claim-line scrubber"
