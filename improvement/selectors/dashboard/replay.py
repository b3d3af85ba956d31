"""The past replayed in one SQL query, from the append-only updates and date changes:
what "what changed" counts, with status_sql's rules compiled into it. (The trend and a
past day read the periods kept from the same records; tests compare them with this.)"""

from dataclasses import dataclass
from datetime import date

from django.db import connections
from django.db.models import CharField, DateField, F, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.sql import Query

from core.clock import end_of_day
from improvement import status_sql
from improvement.models import Action, ProgressUpdate, TargetDateChange
from improvement.status import Status


@dataclass(frozen=True)
class Replay:
    """SQL replaying the append-only records: `scope` is a WITH clause naming the actions in
    scope; `rows` selects one row per action with `id`, `created`, and for each day i its
    declared status `s{i}` and its target date `t{i}` as they stood at the end of the day.
    Put together as: WITH {scope} SELECT ... FROM ({rows}) r, with the params in the same
    order."""

    scope: str
    scope_params: list
    rows: str
    rows_params: list
    moments: list  # the end of each day, adapted for the database
    days: list[date]
    db: str

    def effective(self, i: int) -> tuple[str, list]:
        """The effective status on day i, as SQL: status_sql.effective over `s{i}`, `t{i}`."""
        # The replay's own column names, generated above; no value is written in.
        expression = status_sql.effective(
            self.days[i],
            target=RawSQL(f"t{i}", (), output_field=DateField()),  # noqa: S611
            status=RawSQL(f"s{i}", (), output_field=CharField()),  # noqa: S611
        )
        return compiled(expression, self.db)


def compiled(expression, db: str) -> tuple[str, list]:
    """A status_sql expression over raw column names, as SQL and its parameters."""
    query = Query(Action)
    resolved = expression.resolve_expression(query, allow_joins=False)
    sql, params = query.get_compiler(db).compile(resolved)
    return sql, list(params)


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
