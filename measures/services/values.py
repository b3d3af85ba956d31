"""The council's own figures: a lead enters a period's value (or why there is none)."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from measures.models import AreaType, CouncilProfile, Measure, MeasureValue, Period
from measures.periods import PeriodError, period_dates

LOCAL_CODE = "council"  # the council's area code when its profile has no code yet


def period_get_or_create(time_period: str, time_identifier: str) -> Period:
    try:
        start, end = period_dates(time_period, time_identifier)
    except PeriodError as error:
        raise ValidationError({"period": str(error)}) from None
    period, _ = Period.objects.get_or_create(
        time_period=time_period,
        time_identifier=time_identifier,
        defaults={"start": start, "end": end},
    )
    return period


def measure_value_record(
    *,
    measure: Measure,
    time_period: str,
    time_identifier: str,
    value: Decimal | None,
    symbol: str = "",
    note: str = "",
    user,
    at: datetime,
) -> MeasureValue:
    """Record (or revise) the council's figure for a period; the history keeps the old one."""
    if (value is None) == (not symbol):
        raise ValidationError({"value": "Enter a figure, or choose why there is none"})
    with transaction.atomic():
        period = period_get_or_create(time_period, time_identifier)
        profile = CouncilProfile.current()
        cell = MeasureValue.objects.select_for_update().filter(
            measure=measure, period=period, area_type=AreaType.COUNCIL
        ).first() or MeasureValue(
            measure=measure,
            period=period,
            area_type=AreaType.COUNCIL,
            area_code=(profile and (profile.old_la_code or profile.new_la_code)) or LOCAL_CODE,
            area_name=profile.name if profile else "",
        )
        cell.value, cell.symbol, cell.note = value, symbol, note
        cell.recorded_at, cell.recorded_by = at, user
        cell.full_clean()
        cell.save()
    return cell
