from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Read API"

    def ready(self):
        from api import audit_records

        audit_records.register()
