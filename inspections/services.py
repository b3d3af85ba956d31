"""Writes to inspections and their judgements. Callers check permissions first."""

from django.db import transaction

from inspections.models import Inspection, Judgement, JudgementArea


def _save_judgements(inspection: Inspection, grades: dict[JudgementArea, int | None]) -> None:
    """Set each area's grade; an area left without a grade loses any it had."""
    existing = {judgement.area_id: judgement for judgement in inspection.judgements.all()}
    for area, grade in grades.items():
        judgement = existing.get(area.pk)
        if grade is None:
            if judgement is not None:
                judgement.delete()
        elif judgement is None:
            Judgement.objects.create(inspection=inspection, area=area, grade=grade)
        elif judgement.grade != grade:
            judgement.grade = grade
            judgement.save(update_fields=["grade"])


@transaction.atomic
def inspection_create(
    *, fields: dict, grades: dict[JudgementArea, int | None] | None = None
) -> Inspection:
    """Record an inspection (or any review) with its judgements."""
    inspection = Inspection(**fields)
    inspection.full_clean()
    inspection.save()
    _save_judgements(inspection, grades or {})
    return inspection


@transaction.atomic
def inspection_update(
    *, inspection: Inspection, fields: dict, grades: dict[JudgementArea, int | None] | None = None
) -> Inspection:
    for name, value in fields.items():
        setattr(inspection, name, value)
    inspection.full_clean()
    inspection.save()
    _save_judgements(inspection, grades or {})
    return inspection
