from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = "Improvement plans"

    def ready(self):
        from improvement import (
            audit_records,
            confidentiality,
            job_kinds,
            periods,
            snapshots,
            tasks,
        )
        from jobs.scheduler import register_daily

        confidentiality.connect()
        snapshots.connect()
        periods.connect()
        audit_records.register()
        job_kinds.register()
        register_daily("send_reminders", tasks.send_daily_reminders)
