from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    """Performance measures: published statistics and the council's own figures, with
    targets and comparators, linked to priorities, actions and recommendations. They link
    to the plan's records, so the app sits above `improvement`."""

    name = "measures"
    verbose_name = "Performance measures"

    def ready(self):
        from measures import audit_records

        audit_records.register()
