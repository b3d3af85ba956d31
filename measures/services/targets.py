"""A measure's targets: set for a period or from a date on (changing the one already set
there), or removed. The history keeps every earlier target, and removed ones."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from measures.models import Measure, Target
from measures.services.values import period_get_or_create


def _check_tolerance(tolerance: Decimal, kind: str) -> None:
    if kind not in Target.Tolerance.values:
        raise ValidationError({"tolerance_kind": "Choose an absolute or a percentage tolerance"})
    if tolerance < 0:
        raise ValidationError({"tolerance": "The tolerance band cannot be less than 0"})
    if kind == Target.Tolerance.PERCENTAGE and tolerance > 100:
        raise ValidationError({"tolerance": "A percentage tolerance must be from 0 to 100"})


@transaction.atomic
def target_set(
    *,
    measure: Measure,
    period: tuple[str, str] | None,
    from_date: date | None,
    value: Decimal,
    tolerance: Decimal,
    tolerance_kind: str,
) -> Target:
    """Set the measure's target for a period (time_period, time_identifier) or from a date;
    a target already set for that period or date is changed, not duplicated."""
    if (period is None) == (from_date is None):
        raise ValidationError("Give either a period or a date the target applies from")
    _check_tolerance(tolerance, tolerance_kind)
    Measure.objects.select_for_update().filter(pk=measure.pk).first()
    if period is not None:
        lookup = {"period": period_get_or_create(*period)}
    else:
        lookup = {"from_date": from_date}
    target = Target.objects.filter(measure=measure, **lookup).first() or Target(
        measure=measure, **lookup
    )
    target.value, target.tolerance, target.tolerance_kind = value, tolerance, tolerance_kind
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_remove(*, target: Target) -> None:
    """Remove a target set in error; its history (and the audit trail) keeps it."""
    Measure.objects.select_for_update().filter(pk=target.measure_id).first()
    target.delete()
