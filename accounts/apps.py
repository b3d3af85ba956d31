from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People and organisations"

    def ready(self):
        from accounts import audit_records
        from accounts.sso import checks  # noqa: F401 - registers the single sign-on checks

        # After the last app's post_migrate, when every permission exists again.
        post_migrate.connect(keep_roles, sender=apps.get_app_config("improvement"))
        audit_records.register()


def keep_roles(sender, **kwargs):
    """After migrate or flush, put back any role (and permission) that is missing."""
    from django.contrib.auth.models import Group, Permission

    from accounts.roles import ensure_roles

    ensure_roles(Group, Permission)
