"""Each action's state at the end of several days in one SQL query, read from its period
in force then (improvement/periods.py, kept from the append-only updates and date
changes): what "what changed" compares, with status_sql's rules compiled into it.

tests/improvement/replayed.py replays the records themselves, as the dashboard did before
it kept periods, and the tests compare the two.
"""

from dataclasses import dataclass
from datetime import date

from django.db import connections
from django.db.models import CharField, DateField, F, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.sql import Query

from core.clock import end_of_day
from improvement import status_sql
from improvement.models import Action, ActionPeriod
from improvement.status import Status


@dataclass(frozen=True)
class Replay:
    """SQL for the past: `scope` is a WITH clause naming the actions in scope (`a_id`,
    `a_created`); `rows` selects one row per action with `id`, `created`, and for each day
    i its declared status `s{i}` and its target date `t{i}` as they stood at the end of
    the day. Put together as: WITH {scope} SELECT ... FROM ({rows}) r, with the params in
    the same order."""

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


def scope_of(actions: QuerySet[Action]) -> tuple[str, list]:
    """The actions as a WITH clause's body: their ids and creation times."""
    sql, params = (
        actions.order_by().values(a_id=F("pk"), a_created=F("created_at")).query.sql_with_params()
    )
    return sql, list(params)


def replay(actions: QuerySet[Action], days: list[date]) -> Replay:
    """Each action's period in force at the end of each day: a join a day on the periods.
    Plain SQL that SQLite and PostgreSQL both run."""
    ops = connections[actions.db].ops
    moments = [ops.adapt_datetimefield_value(end_of_day(day)) for day in days]
    scope_sql, scope_params = scope_of(actions)
    periods = ops.quote_name(ActionPeriod._meta.db_table)
    columns = ", ".join(
        f"COALESCE(p{i}.status, %s) AS s{i}, p{i}.target_date AS t{i}" for i in range(len(days))
    )
    joins = " ".join(
        f"LEFT JOIN {periods} p{i} ON p{i}.action_id = a.a_id "
        f"AND p{i}.starts_at < %s AND p{i}.ends_at >= %s"
        for i in range(len(days))
    )
    rows = f"SELECT a.a_id AS id, a.a_created AS created, {columns} FROM scope a {joins}"  # noqa: S608
    rows_params = [*[Status.NOT_STARTED] * len(days), *[m for m in moments for _ in (0, 1)]]
    return Replay(
        f"scope AS ({scope_sql})", scope_params, rows, rows_params, moments, days, actions.db
    )
