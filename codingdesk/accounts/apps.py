from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "codingdesk.accounts"
    label = "accounts"
    verbose_name = "Accounts and plans"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .plans import plans_create_missing_after_migrate

        # Like Django's own permissions: the plan rows exist after every
        # migrate, and after a test database is flushed.
        post_migrate.connect(plans_create_missing_after_migrate, sender=self)
