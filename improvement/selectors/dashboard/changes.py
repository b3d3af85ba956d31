"""What changed between two dates, for example since the last committee meeting.

Status moves compare each action's effective status at the end of both days, worked
out in one query from the periods in force then (`replay`); new updates and moved
target dates are the records made in between. Fixed number of queries.
"""

from dataclasses import dataclass
from datetime import date

from django.db import connections
from django.db.models import QuerySet

from core.clock import end_of_day
from core.expressions import RowCount
from improvement.models import Action, ProgressUpdate, TargetDateChange
from improvement.selectors.dashboard.replay import replay
from improvement.status import Status

LIST_LIMIT = 15

# How worrying a status is, for telling a move that got worse from one that got better.
SEVERITY = {
    Status.OFF_TRACK: 3,
    Status.AT_RISK: 2,
    Status.NOT_STARTED: 1,
    Status.ON_TRACK: 1,
    Status.COMPLETE: 0,
    Status.VERIFIED: 0,
    Status.CLOSED: 0,
}


def direction(before: str | None, after: str) -> str:
    """'worse', 'better' or 'changed' (or 'new' for an action added in between)."""
    if before is None:
        return "new"
    if SEVERITY[after] > SEVERITY[before]:
        return "worse"
    if SEVERITY[after] < SEVERITY[before]:
        return "better"
    return "changed"


@dataclass(frozen=True)
class Move:
    before: str | None
    after: str
    count: int

    @property
    def before_label(self) -> str:
        return Status(self.before).label if self.before else "New action"

    @property
    def after_label(self) -> str:
        return Status(self.after).label

    @property
    def direction(self) -> str:
        return direction(self.before, self.after)


@dataclass
class Changes:
    start: date
    end: date
    moves: list[Move]
    moved: list[Action]
    updates: list[ProgressUpdate]
    updates_total: int
    date_changes: list[TargetDateChange]
    date_changes_total: int

    @property
    def moved_total(self) -> int:
        return sum(move.count for move in self.moves)

    @property
    def worse(self) -> int:
        return sum(move.count for move in self.moves if move.direction == "worse")

    @property
    def better(self) -> int:
        return sum(move.count for move in self.moves if move.direction == "better")

    @property
    def new_actions(self) -> int:
        return sum(move.count for move in self.moves if move.before is None)


def status_moves(actions: QuerySet[Action], *, start: date, end: date) -> tuple[list, list]:
    """Actions whose effective status at the end of `end` differs from that at `start`:
    the count for each (before, after) pair, and the first LIST_LIMIT moved actions (moves
    to off track first) as (id, before, after). `before` is None for an action made in
    between. One query over both days' periods in force."""
    replayed = replay(actions, [start, end])
    before, before_params = replayed.effective(0)
    after, after_params = replayed.effective(1)
    sql = (  # only generated names are written in; every value is a parameter
        f"WITH {replayed.scope} "  # noqa: S608
        "SELECT id, before, after, pair_n, overall FROM ("
        "SELECT id, before, after, COUNT(*) OVER (PARTITION BY before, after) AS pair_n, "
        "ROW_NUMBER() OVER (PARTITION BY before, after ORDER BY id) AS pair_rank, "
        "ROW_NUMBER() OVER (ORDER BY CASE WHEN after = %s THEN 0 WHEN after = %s THEN 1 "
        "ELSE 2 END, id) AS overall FROM ("
        f"SELECT id, CASE WHEN created < %s THEN {before} END AS before, {after} AS after "
        f"FROM ({replayed.rows}) r WHERE created < %s"
        ") m WHERE before IS NULL OR before <> after"
        ") ranked WHERE pair_rank = 1 OR overall <= %s"
    )
    params = [
        *replayed.scope_params,
        Status.OFF_TRACK,
        Status.AT_RISK,
        replayed.moments[0],
        *before_params,
        *after_params,
        *replayed.rows_params,
        replayed.moments[1],
        LIST_LIMIT,
    ]
    with connections[actions.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    pairs = {(row[1], row[2]): row[3] for row in rows}
    moved = sorted((row for row in rows if row[4] <= LIST_LIMIT), key=lambda row: row[4])
    return [Move(b, a, n) for (b, a), n in pairs.items()], [row[:3] for row in moved]


def changes_between(actions: QuerySet[Action], *, start: date, end: date) -> Changes:
    """Status moves, new updates and moved target dates after `start` up to the end of `end`."""
    pairs, moved_rows = status_moves(actions, start=start, end=end) if start < end else ([], [])
    moves = sorted(pairs, key=lambda m: (-SEVERITY[m.after], m.before is None, -m.count))
    found = Action.objects.select_related("priority__plan").in_bulk([row[0] for row in moved_rows])
    moved = []
    for pk, before, after in moved_rows:
        action = found[pk]
        action.before, action.effective_then = before, after
        action.move_direction = direction(before, after)
        action.before_label = Status(before).label if before else "New action"
        action.after_label = Status(after).label
        moved.append(action)
    updates = _latest(ProgressUpdate.objects.all(), "created_at", actions, start, end)
    date_changes = _latest(TargetDateChange.objects.all(), "changed_at", actions, start, end)
    return Changes(
        start=start,
        end=end,
        moves=moves,
        moved=moved,
        updates=updates,
        updates_total=updates[0].total if updates else 0,
        date_changes=date_changes,
        date_changes_total=date_changes[0].total if date_changes else 0,
    )


def _latest(records: QuerySet, time: str, actions: QuerySet[Action], start: date, end: date):
    """The latest records made after the end of `start` and by the end of `end`, each with
    the number made in all (`total`), in one query: walked newest first on the records'
    time index and stopped at LIST_LIMIT."""
    made = records.filter(
        action__in=actions.values("pk"),
        **{f"{time}__gte": end_of_day(start), f"{time}__lt": end_of_day(end)},
    )
    latest = made.select_related("action__priority__plan").annotate(total=RowCount(made))
    return list(latest.order_by(f"-{time}", "-pk")[:LIST_LIMIT])
