"""A day's counts and short lists, worked out once for a past day and then read back.

Updates and date changes are append-only, so what the dashboard shows for a past day
changes only when a back-dated write changes it, and improvement/snapshots.py forgets
the stored days such a write affects. The first view of a past day reads every action's
state then from its periods (improvement/periods.py: one join, for the counts and for
each list); later views read one stored row and the listed actions. Today is always
counted from the actions' own columns.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from improvement import snapshots
from improvement.models import Action, Plan
from improvement.selectors.dashboard.counts import group_of, grouped_counts
from improvement.selectors.dashboard.lists import overdue_and_stale
from improvement.selectors.plan_scope import PlanScope
from improvement.status import Status, today


@dataclass
class DayFigures:
    counted: list[dict]  # grouped_counts' rows
    overdue: list[Action]
    stale: list[Action]


def figures_scope(user, plan: Plan | None, scope: PlanScope, since: date) -> str:
    """The key a day's figures are stored under for this reader, plan or plans, and date."""
    return snapshots.figures_key(snapshots.reader_scope(user, plan, scope), since)


def day_figures(
    user,
    plan: Plan | None,
    actions: QuerySet[Action],
    *,
    scope: PlanScope,
    day,
    since,
    cycles,
    stored: dict | None = None,
) -> DayFigures:
    """grouped_counts and overdue_and_stale for `day`: stored for a past day. `stored`:
    what snapshots.read found under figures_scope, when the caller has read it."""

    def count() -> DayFigures:
        counted = grouped_counts(actions, group_of(plan), day=day, since=since, cycles=cycles)
        return DayFigures(counted, *overdue_and_stale(actions, day=day, cycles=cycles))

    if day >= today():
        return count()
    counted_now = []

    def compute(missing) -> dict:
        counted_now.append(count())
        return {day: _stored(counted_now[0])}

    key = figures_scope(user, plan, scope, since)
    figures = snapshots.counts_for(key, [day], compute, stored)[day]
    # Counted now: the listed actions are at hand; stored before: fetched by their ids.
    return counted_now[0] if counted_now else _read(figures)


def _stored(figures: DayFigures) -> dict:
    def entry(action: Action) -> list:
        updated = action.updated_then.isoformat() if action.updated_then else None
        return [action.pk, action.st, action.tg.isoformat() if action.tg else None, updated]

    return {
        "counted": figures.counted,
        "overdue": [entry(action) for action in figures.overdue],
        "stale": [entry(action) for action in figures.stale],
    }


def _read(stored: dict) -> DayFigures:
    """The stored figures, with the listed actions fetched in one query and given the
    values they had on the day (the same in both lists; one deleted since is left out)."""
    ids = {entry[0] for entry in stored["overdue"] + stored["stale"]}
    found = Action.objects.select_related("priority__plan", "lead_team").in_bulk(ids)

    def listed(entries: list) -> list[Action]:
        actions = []
        for pk, status, target, updated in entries:
            if action := found.get(pk):
                action.st, action.st_label = status, Status(status).label
                action.tg = date.fromisoformat(target) if target else None
                action.updated_then = datetime.fromisoformat(updated) if updated else None
                actions.append(action)
        return actions

    return DayFigures(stored["counted"], listed(stored["overdue"]), listed(stored["stale"]))
