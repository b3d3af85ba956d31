"""The past replayed from the append-only records, as the dashboard read it before it kept
periods: the independent check the periods and their readers are compared with."""

from datetime import date

from django.db import connections
from django.db.models import F, QuerySet

from core.clock import end_of_day
from improvement.models import Action, ProgressUpdate, TargetDateChange
from improvement.selectors.dashboard.replay import Replay
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


def _in_force(table: str, value: str, time: str, days: int) -> str:
    """Per action, the `value` of the record in force at each day's end (`v{i}`): a window
    function gives each record the time the next one replaced it, so one GROUP BY picks
    them rather than a correlated subquery per action and day."""
    picks = ", ".join(
        f"MAX(CASE WHEN r.{time} < %s AND (r.next_at IS NULL OR r.next_at >= %s) "
        f"THEN r.{value} END) AS v{i}"
        for i in range(days)
    )
    return (
        f"SELECT r.action_id, {picks} FROM (SELECT x.action_id, x.{value}, x.{time}, "  # noqa: S608
        f"LEAD(x.{time}) OVER (PARTITION BY x.action_id ORDER BY x.{time}, x.id) AS next_at "
        f"FROM {table} x WHERE x.{time} < %s "
        f"AND x.action_id IN (SELECT a_id FROM scope)) r GROUP BY r.action_id"
    )


def replay(actions: QuerySet[Action], days: list[date]) -> Replay:
    """One pass over the updates (and one over the date changes) made before the last day.
    Plain SQL that SQLite and PostgreSQL both run."""
    ops = connections[actions.db].ops
    moments = [ops.adapt_datetimefield_value(end_of_day(day)) for day in days]
    scope_sql, scope_params = (
        actions.order_by()
        .values(a_id=F("pk"), a_created=F("created_at"), a_target=F("original_target_date"))
        .query.sql_with_params()
    )
    bounds = [value for moment in moments for value in (moment, moment)]
    updates = _in_force(
        ops.quote_name(ProgressUpdate._meta.db_table), "status", "created_at", len(days)
    )
    changes = _in_force(
        ops.quote_name(TargetDateChange._meta.db_table), "new_date", "changed_at", len(days)
    )
    statuses = ", ".join(f"COALESCE(st.v{i}, %s) AS s{i}" for i in range(len(days)))
    targets = ", ".join(f"COALESCE(tg.v{i}, a.a_target) AS t{i}" for i in range(len(days)))
    rows = (
        f"SELECT a.a_id AS id, a.a_created AS created, {statuses}, {targets} FROM scope a "  # noqa: S608
        f"LEFT JOIN ({updates}) st ON st.action_id = a.a_id "
        f"LEFT JOIN ({changes}) tg ON tg.action_id = a.a_id"
    )
    rows_params = [*[Status.NOT_STARTED] * len(days), *bounds, moments[-1], *bounds, moments[-1]]
    return Replay(
        f"scope AS ({scope_sql})", list(scope_params), rows, rows_params, moments, days, actions.db
    )
