from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = "Improvement plans"

    def ready(self):
        from improvement import audit_records, confidentiality, snapshots

        confidentiality.connect()
        snapshots.connect()
        audit_records.register()
