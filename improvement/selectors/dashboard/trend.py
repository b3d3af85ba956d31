"""Counts by effective status at each month end, from the periods in force then."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.db import connections
from django.db.models import CharField, DateField, QuerySet
from django.db.models.expressions import RawSQL

from core.clock import end_of_day
from improvement import snapshots, status_sql
from improvement.models import Action, ActionPeriod, Plan
from improvement.selectors.actions import status_counts
from improvement.selectors.dashboard.replay import compiled, scope_of
from improvement.status import Status, today

TREND_MONTHS = 12


def month_ends(day: date, count: int = TREND_MONTHS) -> list[date]:
    """The last `count` month ends on or before `day`, oldest first."""
    year, month = day.year, day.month
    if calendar.monthrange(year, month)[1] != day.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    ends = []
    for _ in range(count):
        ends.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ends[::-1]


@dataclass(frozen=True)
class TrendPoint:
    day: date
    counts: dict

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def trend(actions: QuerySet[Action], days: list[date]) -> list[TrendPoint]:
    """Counts by effective status at the end of each of `days`, in one query: each action's
    period in force at each day's end (improvement/periods.py), counted day by day.
    (Replaying the records, as tests/improvement/replayed.py does to check it, took two
    and a half times as long at 100,000 actions.)"""
    if not days:
        return []
    ops = connections[actions.db].ops
    scope, scope_params = scope_of(actions)
    ends = [
        value
        for i, day in enumerate(days)
        for value in (
            i,
            ops.adapt_datetimefield_value(end_of_day(day)),
            ops.adapt_datefield_value(day),
        )
    ]
    effective, effective_params = compiled(
        status_sql.effective(
            RawSQL("m.d", (), output_field=DateField()),
            target=RawSQL("p.target_date", (), output_field=DateField()),
            status=RawSQL("p.status", (), output_field=CharField()),
        ),
        actions.db,
    )
    rows = ", ".join(["(%s, %s, %s)"] * len(days))
    periods = ops.quote_name(ActionPeriod._meta.db_table)
    sql = (  # only generated names are written in; every value is a parameter
        f"WITH scope AS ({scope}), m (i, t, d) AS (VALUES {rows}) "  # noqa: S608
        f"SELECT m.i, {effective}, COUNT(*) FROM {periods} p "
        "JOIN m ON p.starts_at < m.t AND p.ends_at >= m.t "
        "JOIN scope a ON a.a_id = p.action_id AND a.a_created < m.t GROUP BY 1, 2"
    )
    counts = [dict.fromkeys(Status.values, 0) for _ in days]
    with connections[actions.db].cursor() as cursor:
        cursor.execute(sql, [*scope_params, *ends, *effective_params])
        for i, status, n in cursor.fetchall():
            counts[i][status] = n
    return [TrendPoint(day, counted) for day, counted in zip(days, counts, strict=True)]


def cached_trend(
    user,
    plan: Plan | None,
    actions: QuerySet[Action],
    days: list[date],
    plans=None,
    *,
    live: dict | None = None,
    stored: dict | None = None,
):
    """The trend, reading stored month-end counts and counting only past days not stored
    yet. `plans` (a PlanScope) says which plans' actions `actions` holds when no plan is
    chosen. A month end that is today (the last day of a month) takes today's counts from
    the actions' own columns (`live`, when the caller has them already), never the periods.
    `stored`: what snapshots.read found under snapshots.reader_scope, when the caller has
    read it."""
    past = [day for day in days if day < today()]
    counts = snapshots.counts_for(
        snapshots.reader_scope(user, plan, plans),
        past,
        lambda missing: {p.day: p.counts for p in trend(actions, missing)},
        stored,
    )
    if days and days[-1] >= today():
        counts[days[-1]] = dict(live if live is not None else status_counts(actions))
    return [TrendPoint(day, counts[day]) for day in days]
