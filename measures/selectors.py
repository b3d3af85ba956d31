"""Reads of measures: each measure's figures by period and area, as known now or "as at" a
past moment, with targets and the neighbours' average; the register's rows.

"As at": a value's history keeps every revision with its `recorded_at`, so the figures
known at a moment are, per cell, the latest historical row recorded by then (deleted
cells left out).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Avg, CharField, Count, Max, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Cast

from measures.models import AreaType, Measure, MeasureValue, Period, StatisticalNeighbour, Target
from measures.rules_performance import Average, neighbours_average, shown


@dataclass
class Cell:
    value: Decimal | None
    symbol: str
    area_name: str = ""
    recorded_at: datetime | None = None
    note: str = ""
    area_code: str = ""


@dataclass
class PeriodFigures:
    period: Period
    council: Cell | None = None
    england: Cell | None = None
    region: Cell | None = None
    neighbours: dict[str, Cell] = field(default_factory=dict)  # old code -> cell
    average: Average | None = None
    target: Target | None = None


@dataclass
class MeasureFigures:
    measure: Measure
    periods: list[PeriodFigures]  # oldest first

    def council_periods(self) -> list[PeriodFigures]:
        return [p for p in self.periods if p.council is not None]

    def latest(self) -> PeriodFigures | None:
        """The latest period with a council figure that is a number."""
        numbers = [p for p in self.periods if p.council and p.council.value is not None]
        return numbers[-1] if numbers else None

    def previous(self) -> PeriodFigures | None:
        numbers = [p for p in self.periods if p.council and p.council.value is not None]
        return numbers[-2] if len(numbers) > 1 else None

    def last_supplied_end(self):
        supplied = [
            p.period.end for p in self.periods if p.council and p.council.symbol != "not supplied"
        ]
        return supplied[-1] if supplied else None


def recent_from(measure: str) -> Subquery:
    """For the measure whose id is the outer query's `measure` column: the end of its
    second-latest period with a council number (None with fewer than two). latest(),
    previous() and last_supplied_end() above need no period ending before it, so a
    summary can read its figures from there on (`figures_for(..., from_end=...)`)."""
    numbers = MeasureValue.objects.filter(
        measure=OuterRef(measure), area_type=AreaType.COUNCIL, value__isnull=False
    )
    return Subquery(numbers.order_by("-period__end", "-period__start").values("period__end")[1:2])


# The period's own columns, read in the values' query rather than in one more.
PERIOD_FIELDS = ("period__time_period", "period__time_identifier", "period__start", "period__end")


COLUMNS = (
    "measure_id",
    "period_id",
    "area_type",
    "area_code",
    "area_name",
    "value",
    "symbol",
    "recorded_at",
    "note",
    *PERIOD_FIELDS,
)
# What the neighbours' average row fills those columns with (how many it used, as text, in
# area_name), so that one query (a UNION) brings the rows and the averages together.
AVERAGE = {
    "a_type": Value(AreaType.NEIGHBOURS_AVERAGE.value, output_field=CharField()),
    "a_code": Value("", output_field=CharField()),
    "a_name": Cast(Count("value"), output_field=CharField()),
    "a_value": Avg("value"),
    "a_symbol": Value("", output_field=CharField()),
    "a_at": Max("recorded_at"),
    "a_note": Value("", output_field=CharField()),
}


def values_known_at(as_at: datetime, *, measure_ids=None, council_only: bool = False):
    """The historical rows of the values as known at `as_at`: per value, its latest revision
    recorded by then (deleted values left out). Each row has the value's own `id`."""
    history = MeasureValue.history.model.objects.filter(recorded_at__lte=as_at)
    if measure_ids is not None:
        history = history.filter(measure_id__in=measure_ids)
    if council_only:
        history = history.filter(area_type=AreaType.COUNCIL)
    latest = history.values("id").annotate(last=Max("history_id")).values("last")
    return MeasureValue.history.model.objects.filter(history_id__in=latest).exclude(
        history_type="-"
    )


def _cells(measure_ids, as_at: datetime | None, council_only: bool):
    """The stored cells now, or the historical rows current at `as_at` (deletions left out)."""
    if as_at is None:
        cells = MeasureValue.objects.filter(measure_id__in=measure_ids)
        return cells.filter(area_type=AreaType.COUNCIL) if council_only else cells
    return values_known_at(as_at, measure_ids=measure_ids, council_only=council_only)


def _from_q(from_end: dict[int, date | None]) -> Q:
    """Each measure's periods ending on or after its date (None: all its periods)."""
    by_end = defaultdict(list)
    for measure_id, end in from_end.items():
        by_end[end].append(measure_id)
    return reduce(
        or_,
        (
            Q(measure_id__in=ids, **({} if end is None else {"period__end__gte": end}))
            for end, ids in by_end.items()
        ),
    )


def _rows(cells, *, averaged: bool):
    """Every cell; or, `averaged`, the council's, England's and the region's with one row
    per period for the neighbours' average in place of theirs (a quarter of the rows)."""
    if not averaged:
        return cells.values_list(*COLUMNS)
    others = cells.exclude(area_type=AreaType.NEIGHBOUR).order_by().values_list(*COLUMNS)
    average = (
        cells.filter(area_type=AreaType.NEIGHBOUR)
        .order_by()
        .values("measure_id", "period_id", *PERIOD_FIELDS)
        .annotate(**AVERAGE)
        .values_list("measure_id", "period_id", *AVERAGE, *PERIOD_FIELDS)
    )
    return others.union(average, all=True)


def _rounded(average: Average, places: int) -> Average:
    if average.value is None or not average.used:
        return Average(None, 0, average.of)
    return Average(shown(Decimal(average.value), places), average.used, average.of)


def target_for(targets: list[Target], period: Period) -> Target | None:
    """A period's own target, else the latest target set from a date on or before its end."""
    dated = None
    for target in targets:
        if target.period_id == period.pk:
            return target
        on_time = target.from_date is not None and target.from_date <= period.end
        if on_time and (dated is None or target.from_date > dated.from_date):
            dated = target
    return dated


def figures_for(
    measures: list[Measure],
    *,
    as_at: datetime | None = None,
    council_only: bool = False,
    averaged: bool = False,
    neighbour_count: int | None = None,
    from_end: dict[int, date | None] | None = None,
) -> dict[int, MeasureFigures]:
    """Every figure of these measures, by measure id: three queries whatever their number
    (values with their periods, targets, and how many neighbours unless given).
    `from_end`: per measure, read only the periods ending on or after its date."""
    if not measures:
        return {}
    ids = [m.pk for m in measures]
    if neighbour_count is None:
        neighbour_count = StatisticalNeighbour.objects.count()
    cells = _cells(ids, as_at, council_only)
    if from_end is not None:
        cells = cells.filter(_from_q({pk: from_end.get(pk) for pk in ids}))
    rows = list(_rows(cells, averaged=averaged))
    periods = {}
    for row in rows:
        if row[1] not in periods:
            periods[row[1]] = Period(row[1], *row[9:])
    targets = defaultdict(list)
    for target in Target.objects.filter(measure_id__in=ids):
        targets[target.measure_id].append(target)
    cells: dict[int, dict[int, PeriodFigures]] = defaultdict(dict)
    for measure_id, period_id, area, code, name, value, symbol, at, note, *_ in rows:
        figures = cells[measure_id].setdefault(period_id, PeriodFigures(periods[period_id]))
        cell = Cell(value, symbol, name, at, note, code)
        if area == AreaType.COUNCIL:
            figures.council = cell
        elif area == AreaType.NATIONAL:
            figures.england = cell
        elif area == AreaType.REGIONAL:
            figures.region = cell
        elif area == AreaType.NEIGHBOURS_AVERAGE:  # averaged in SQL: how many in area_name
            figures.average = Average(value, int(name), neighbour_count)
        else:
            figures.neighbours[code] = cell
    result = {}
    for measure in measures:
        ordered = sorted(cells[measure.pk].values(), key=lambda f: (f.period.end, f.period.start))
        for figures in ordered:
            if figures.average is not None:
                figures.average = _rounded(figures.average, measure.decimal_places + 1)
            elif figures.neighbours:
                places = measure.decimal_places + 1
                known = [c.value for c in figures.neighbours.values()]
                known += [None] * (neighbour_count - len(known))
                figures.average = neighbours_average(known, places=places)
            figures.target = target_for(targets[measure.pk], figures.period)
        result[measure.pk] = MeasureFigures(measure, ordered)
    return result


def measures_for_register(user):
    """Measures a user may read, with their lead and links, ready for the register."""
    return (
        Measure.objects.visible_to(user)
        .select_related("lead_user", "lead_team")
        .prefetch_related(Prefetch("priorities", to_attr="priority_list"))
    )
