from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Background jobs"

    def ready(self):
        from core import health
        from jobs import audit_export, audit_records, health_checks, scheduler, tasks

        audit_records.register()
        audit_export.register()
        health.register("queue", health_checks.queue)
        scheduler.register_daily("clean_up", tasks.clean_up)
