"""Writes to recommendations: record them, the council's response, and closing them.

Nothing is deleted: a recommendation is closed or withdrawn with a reason. Edits name
the version they were loaded with and are refused if someone saved in between.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.editing import claim_for_edit
from inspections.models import Inspection
from recommendations.models import Recommendation


def _check_response(fields: dict) -> None:
    if (
        fields.get("response") == Recommendation.Response.REJECTED
        and not (fields.get("rejection_reason") or "").strip()
    ):
        raise ValidationError({"rejection_reason": "Enter why the recommendation was rejected"})


@transaction.atomic
def recommendation_create(*, inspection: Inspection, fields: dict) -> Recommendation:
    """Record a recommendation from an inspection, with the council's response if given."""
    _check_response(fields)
    recommendation = Recommendation(inspection=inspection, **fields)
    recommendation.full_clean()
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_update(
    *, recommendation: Recommendation, version: int, fields: dict
) -> Recommendation:
    """Save an edit made to `version`, or raise EditConflict showing what differs."""
    _check_response(fields)
    current = claim_for_edit(
        Recommendation, pk=recommendation.pk, version=version, submitted=fields
    )
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def recommendation_close(*, recommendation: Recommendation, reason: str, at=None) -> Recommendation:
    """Close or withdraw a recommendation with a reason; it stays on the register."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the recommendation is being closed"})
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.closed_at is not None:
        raise ValidationError("This recommendation is already closed")
    recommendation.closed_at = at or timezone.now()
    recommendation.closed_reason = reason.strip()
    recommendation.version += 1
    recommendation.save()
    return recommendation
