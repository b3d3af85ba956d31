"""Counts by effective status at each month end, replayed from the records of the time."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.db import connections
from django.db.models import QuerySet

from improvement import snapshots
from improvement.models import Action, Plan
from improvement.selectors.actions import status_counts
from improvement.selectors.dashboard.replay import replay
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
    """Counts by effective status at the end of each of `days`, in one query."""
    if not days:
        return []
    replayed = replay(actions, days)
    sums, sum_params = [], []
    for i, moment in enumerate(replayed.moments):
        effective, effective_params = replayed.effective(i)
        for status in Status.values:
            sums.append(f"SUM(CASE WHEN created < %s AND {effective} = %s THEN 1 ELSE 0 END)")
            sum_params += [moment, *effective_params, status]
    sql = (  # only generated names are written in; every value is a parameter
        f"WITH {replayed.scope} SELECT {', '.join(sums)} FROM ({replayed.rows}) r"  # noqa: S608
    )
    with connections[actions.db].cursor() as cursor:
        cursor.execute(sql, [*replayed.scope_params, *sum_params, *replayed.rows_params])
        totals = cursor.fetchone()
    points = []
    width = len(Status.values)
    for i, day in enumerate(days):
        chunk = totals[i * width : (i + 1) * width]
        points.append(
            TrendPoint(day, {s: int(n or 0) for s, n in zip(Status.values, chunk, strict=True)})
        )
    return points


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
    """The trend, reading stored month-end counts and replaying only past days not stored
    yet. `plans` (a PlanScope) says which plans' actions `actions` holds when no plan is
    chosen. A month end that is today (the last day of a month) takes today's counts from
    the actions' own columns (`live`, when the caller has them already), never a replay.
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
