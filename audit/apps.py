from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        # Sign-in, sign-out, failed sign-in and lock-out go into the audit trail, and the
        # admin's history pages can only show past versions, never restore one.
        from audit import signins  # noqa: F401
        from audit.history import make_admin_history_read_only

        make_admin_history_read_only()
