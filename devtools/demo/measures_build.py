"""Northdale's measures in the demo: the neighbours and the published statistics loaded
from the shipped files through the real importers, then targets, 24 months of the
council's own figures, and links to the plan. Every state shows: green, amber and red,
improving and declining, suppressed figures, and a measure due."""

import calendar
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from devtools.demo import measures_content as content
from improvement.models import Priority
from measures.models import Measure, Target
from measures.opendata import read_open_data
from measures.services.imports import published_import
from measures.services.neighbours import neighbours_set, read_neighbours
from measures.services.published import ImportChoices
from measures.services.values import measure_value_record

DATA = Path(__file__).parent / "data"


def _months_back(on: date, count: int) -> list[date]:
    """The first days of the `count` complete months before `on`, oldest first."""
    first = on.replace(day=1)
    months = []
    for _ in range(count):
        first = (first - timedelta(days=1)).replace(day=1)
        months.append(first)
    return list(reversed(months))


def _moment(day: date):
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


def build_measures(builder) -> None:
    """Called from DemoBuilder.build once the plan and people exist."""
    council, neighbours = read_neighbours(
        (DATA / content.NEIGHBOURS_FILE_NAME).read_bytes(), content.COUNCIL[0]
    )
    neighbours_set(council=council | {"new_la_code": content.COUNCIL[1]}, neighbours=neighbours)
    plan = builder.current_plan
    priorities = {p.number: p for p in Priority.objects.filter(plan=plan)}
    for spec in content.PUBLISHED:
        measure = Measure.objects.create(
            reference=spec.reference,
            title=spec.title,
            definition=spec.definition,
            unit=spec.unit,
            decimal_places=spec.decimal_places,
            polarity=spec.polarity,
            frequency=Measure.Frequency.REPORTING_YEAR,
            data_source=Measure.Source.PUBLISHED,
            publication=content.PUBLICATION,
            series_key=f"{spec.column}|breakdown=Total",
            reporting_lag_days=365,
            lead_user=builder.users["manager"],
        )
        _target(measure, spec.target, spec.tolerance, spec.tolerance_kind)
        _link(measure, priorities[spec.priority], builder, spec.actions)
    data = (DATA / content.FILE_NAME).read_bytes()
    published_import(
        parsed=read_open_data(data),
        choices=ImportChoices(
            la_code=content.COUNCIL[0],
            filters={"breakdown": ["Total"]},
            publication=content.PUBLICATION,
        ),
        file_name=content.FILE_NAME,
        user=builder.users["manager"],
        at=_moment(builder.day(-200)),
    )
    for spec in content.LOCAL:
        _local(builder, spec, priorities[spec.priority])


def _target(measure, value, tolerance, kind) -> None:
    Target.objects.create(
        measure=measure,
        from_date=date(2020, 4, 1),
        value=Decimal(str(value)),
        tolerance=Decimal(str(tolerance)),
        tolerance_kind=kind,
    )


def _link(measure, priority, builder, action_keys) -> None:
    measure.priorities.add(priority)
    measure.actions.add(*(builder.actions[key] for key in action_keys if key in builder.actions))


def _local(builder, spec: content.Local, priority) -> None:
    lead = builder.users[spec.lead]
    measure = Measure.objects.create(
        reference=spec.reference,
        title=spec.title,
        definition=spec.definition,
        unit=Measure.Unit.PERCENTAGE,
        decimal_places=1,
        polarity=spec.polarity,
        frequency=Measure.Frequency.MONTHLY,
        data_source=Measure.Source.LOCAL,
        reporting_lag_days=10,
        lead_user=lead,
    )
    _target(measure, spec.target, spec.tolerance, "absolute")
    _link(measure, priority, builder, spec.actions)
    months = _months_back(builder.on, 24)
    step = (spec.last - spec.first) / (len(months) - 1)
    for index, first in enumerate(months):
        if spec.missing_last and index == len(months) - 1:
            continue  # not in yet: the measure is due
        wobble = ((index * 5) % 7 - 3) / 4  # months do not move in straight lines
        value = spec.first + step * index + (wobble if index < len(months) - 2 else 0)
        last_day = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        symbol = "not supplied" if spec.missing_last and index == len(months) - 6 else ""
        measure_value_record(
            measure=measure,
            time_period=str(first.year),
            time_identifier=calendar.month_name[first.month],
            value=None if symbol else Decimal(f"{value:.1f}"),
            symbol=symbol,
            note="",
            user=lead,
            at=_moment(last_day + timedelta(days=8)),
        )
