from django.apps import AppConfig
from django.db.models.signals import post_migrate


class InspectionsConfig(AppConfig):
    name = "inspections"

    def ready(self):
        from inspections import audit_records

        post_migrate.connect(keep_judgement_areas, sender=self)
        audit_records.register()


def keep_judgement_areas(sender, **kwargs):
    """After migrate or flush, put back any standard judgement area that is missing."""
    from inspections.models import JudgementArea
    from inspections.reference import ensure_judgement_areas

    ensure_judgement_areas(JudgementArea)
