"""A day's counts and short lists, worked out once for a past day and then read back.

Updates and date changes are append-only, so what the dashboard shows for a past day
changes only when a back-dated write changes it, and improvement/snapshots.py forgets
the stored days such a write affects. The first view of a past day reads every action's
state then from its periods (improvement/periods.py): one pass for the counts, one for
both lists; later views read one stored row. Either way the listed actions are fetched
in one query. Today is always counted from the actions' own columns.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from core.roles import can_read_confidential
from improvement import snapshots
from improvement.models import Action, Plan
from improvement.selectors.dashboard.counts import group_of, grouped_counts
from improvement.selectors.dashboard.lists import first_entries_then, overdue_and_stale
from improvement.selectors.plan_scope import PlanScope
from improvement.status import Status, today


@dataclass
class DayFigures:
    counted: list[dict]  # grouped_counts' rows
    overdue: list[Action]
    stale: list[Action]


def day_figures(
    user, plan: Plan | None, actions: QuerySet[Action], *, scope: PlanScope, day, since, cycles
) -> DayFigures:
    """grouped_counts and overdue_and_stale for `day`: stored for a past day."""
    if day >= today():
        counted = grouped_counts(actions, group_of(plan), day=day, since=since, cycles=cycles)
        return DayFigures(counted, *overdue_and_stale(actions, day=day, cycles=cycles))

    def count(missing) -> dict:
        counted = grouped_counts(actions, group_of(plan), day=day, since=since, cycles=cycles)
        return {day: {"counted": counted, **first_entries_then(actions, day=day, cycles=cycles)}}

    key = snapshots.figures_key(
        snapshots.scope_key(plan, can_read_confidential(user), scope.key), since
    )
    return _read(snapshots.counts_for(key, [day], count)[day])


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
