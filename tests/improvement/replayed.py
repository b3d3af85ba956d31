"""The trend's counts replayed from the append-only records, the way the dashboard counted
them before it kept periods: the independent check the periods' readers are compared with."""

from datetime import date

from django.db import connections
from django.db.models import QuerySet

from improvement.models import Action
from improvement.selectors.dashboard.replay import replay
from improvement.status import Status


def replayed_counts(actions: QuerySet[Action], days: list[date]) -> dict[date, dict[str, int]]:
    """Counts by effective status at the end of each of `days`, replayed in one query."""
    replayed = replay(actions, days)
    sums, sum_params = [], []
    for i, moment in enumerate(replayed.moments):
        effective, effective_params = replayed.effective(i)
        for status in Status.values:
            sums.append(f"SUM(CASE WHEN created < %s AND {effective} = %s THEN 1 ELSE 0 END)")
            sum_params += [moment, *effective_params, status]
    sql = f"WITH {replayed.scope} SELECT {', '.join(sums)} FROM ({replayed.rows}) r"  # noqa: S608
    with connections[actions.db].cursor() as cursor:
        cursor.execute(sql, [*replayed.scope_params, *sum_params, *replayed.rows_params])
        totals = cursor.fetchone()
    width = len(Status.values)
    return {
        day: {s: int(n or 0) for s, n in zip(Status.values, totals[i * width :], strict=False)}
        for i, day in enumerate(days)
    }
