"""A past day's counts and the first rows of its two lists, in one statement.

The day's state of every action in scope comes from one join of the actions and their
periods (selectors.actions.with_status_as_at). Counting it and ranking it for the overdue
and stale lists in two queries made that join twice; here it is made once (a WITH clause
read twice) and the answer is one UNION ALL: a row per group of the counts, then the
listed actions with their rank in each list.
"""

from datetime import UTC, date

from django.db import connections
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.dateparse import parse_datetime

from improvement import status_sql
from improvement.models import Action
from improvement.selectors.dashboard.as_at import as_at, declared_between
from improvement.selectors.dashboard.lists import LIST_LIMIT
from improvement.status import Status

COLUMNS = ("g", "st", "ov", "stl", "done_c", "done_v", "a_id", "tg", "upd", "r_ov", "r_stl")


def _state(actions: QuerySet[Action], group: str, *, day: date, since: date, cycles) -> tuple:
    """Each action's row on the day: its group, status and flags, whether it was declared
    complete or verified since `since`, and its place in the overdue list (most overdue
    first) and in the stale list (longest without an update first)."""
    declared = {
        name: status_sql.flag(Q(pk__in=declared_between([status], since, day)))
        for name, status in (("done_c", Status.COMPLETE), ("done_v", Status.VERIFIED))
    }
    rows = (
        as_at(actions, day, cycles)
        .order_by()
        .annotate(
            g=F(group),
            a_id=F("pk"),
            upd=F("last_update_then"),
            **declared,
            r_ov=Window(
                RowNumber(),
                partition_by=[F("ov")],
                order_by=[F("tg").asc(), F("priority__number").asc(), F("order").asc()],
            ),
            r_stl=Window(
                RowNumber(), partition_by=[F("stl")], order_by=[F("last").asc(), F("pk").asc()]
            ),
        )
        .values_list(*COLUMNS)
    )
    return rows.query.sql_with_params()


def figures_then(actions: QuerySet[Action], group: str, *, day: date, since: date, cycles) -> dict:
    """{"counted": grouped_counts' rows, "overdue": [...], "stale": [...]} for a past day,
    each listed action as [pk, status, target date, latest update] in list order."""
    inner, params = _state(actions, group, day=day, since=since, cycles=cycles)
    sql = (  # only fixed column names are written in; every value is a parameter
        f"WITH x AS ({inner}) "  # noqa: S608
        "SELECT 0, g, st, ov, COUNT(*), SUM(CASE WHEN stl THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN done_c THEN 1 ELSE 0 END), SUM(CASE WHEN done_v THEN 1 ELSE 0 END), "
        "NULL, NULL, NULL, NULL, NULL FROM x GROUP BY g, st, ov "
        "UNION ALL SELECT 1, NULL, st, ov, NULL, CASE WHEN stl THEN 1 ELSE 0 END, NULL, NULL, "
        "a_id, tg, upd, r_ov, r_stl "
        "FROM x WHERE (ov AND r_ov <= %s) OR (stl AND r_stl <= %s)"
    )
    with connections[actions.db].cursor() as cursor:
        cursor.execute(sql, [*params, LIST_LIMIT, LIST_LIMIT])
        found = cursor.fetchall()
    counted, overdue, stale = [], [], []
    for kind, group_id, st, ov, n, stl, done_c, done_v, pk, tg, upd, r_ov, r_stl in found:
        if kind == 0:
            counted.append(
                {"group": group_id, "st": st, "ov": bool(ov), "n": n, "n_stale": int(stl),
                 "n_completed": int(done_c), "n_verified": int(done_v)}
            )  # fmt: skip
            continue
        entry = [pk, st, tg and str(tg)[:10], _moment(upd)]
        if ov and r_ov <= LIST_LIMIT:
            overdue.append((r_ov, entry))
        if stl and r_stl <= LIST_LIMIT:
            stale.append((r_stl, entry))
    return {
        "counted": counted,
        "overdue": [entry for _, entry in sorted(overdue)],
        "stale": [entry for _, entry in sorted(stale)],
    }


def _moment(value) -> str | None:
    """A time from the raw cursor (an aware datetime, or SQLite's UTC text) as ISO text."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
    return value.isoformat()
