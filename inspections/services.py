"""Writes to inspections and their judgements. Callers check permissions first.

Edits name the version they were loaded with and are refused (EditConflict) if someone
saved in between, so a form that never showed "confidential" ticked cannot untick it.
"""

from django.db import transaction

from core.editing import claim_for_edit
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
    *,
    inspection: Inspection,
    version: int,
    fields: dict,
    grades: dict[JudgementArea, int | None] | None = None,
) -> Inspection:
    """Save an edit made to `version`, or raise EditConflict showing what differs."""
    current = claim_for_edit(Inspection, pk=inspection.pk, version=version, submitted=fields)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    _save_judgements(current, grades or {})
    return current
