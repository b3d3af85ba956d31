"""The status rules of status.py as query expressions, so SQL counts what Python shows.

Each rule names the columns it reads: by default an action's own, or the values in force
on a past day ("as at" figures), or the raw columns of the trend's and "what changed"'s
SQL over the periods. Nothing else restates a rule in SQL;
tests/improvement/test_status_agreement.py runs the same cases through status.py and
through every query built from these.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import BooleanField, Case, CharField, F, Q, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.db.models.lookups import In, LessThan

from core.clock import end_of_day
from improvement.models import Plan
from improvement.status import DONE, WORK_DONE, Status, stale_cutoff

Column = str | Combinable  # a field or annotation name, or an expression

STATUS = "declared_status"
TARGET = "target_date"


def _column(column: Column) -> Combinable:
    return F(column) if isinstance(column, str) else column


def flag(condition: Q) -> Case:
    """A condition as a true/false column, to annotate and filter on."""
    return Case(When(condition, then=True), default=False, output_field=BooleanField())


def finished(status: Column = STATUS) -> Q:
    """Complete, verified or closed: no target date or update cycle applies any more."""
    return Q(In(_column(status), sorted(DONE)))


def overdue(on: date, *, target: Column = TARGET, status: Column = STATUS) -> Q:
    """status.is_overdue: the target date has passed and the work is not finished."""
    return Q(LessThan(_column(target), on)) & ~finished(status)


def effective(on: date, *, target: Column = TARGET, status: Column = STATUS) -> Case:
    """status.effective_status: an overdue action counts as off track whatever it declares."""
    return Case(
        When(overdue(on, target=target, status=status), then=Value(Status.OFF_TRACK)),
        default=_column(status),
        output_field=CharField(),
    )


def last_activity(
    last_update: Column = "last_update_at", created: Column = "created_at"
) -> Coalesce:
    """The latest update's time, or the action's creation when it has none."""
    return Coalesce(_column(last_update), _column(created))


def update_cycles() -> list[int]:
    """Every plan's update cycle in days, for `stale` (one query)."""
    return list(Plan.objects.order_by().values_list("update_cycle_days", flat=True).distinct())


def stale(
    on: date,
    cycles: Iterable[int],
    *,
    activity: Column | None = None,
    status: Column = STATUS,
) -> Q:
    """status.is_stale, one OR-branch per cycle length in `cycles`: the cutoff is a local
    day's end, worked out here so that clock changes are handled by core.clock."""
    activity = _column(activity) if activity is not None else last_activity()
    branches = Q(pk__in=[])
    for days in sorted(set(cycles)):
        cutoff = end_of_day(stale_cutoff(on, days))
        branches |= Q(priority__plan__update_cycle_days=days) & Q(LessThan(activity, cutoff))
    return branches & ~finished(status)


# status.contradictions, over actions annotated with the facts they read.


def on_track_but_overdue(on: date) -> Q:
    return Q(declared_status=Status.ON_TRACK) & overdue(on)


def complete_without_evidence() -> Q:
    """Reads `has_evidence`: any evidence on any of the action's updates."""
    return Q(declared_status__in=WORK_DONE, has_evidence=False)


def date_moved_repeatedly() -> Q:
    """Reads `date_moves`: how many times the target date has been changed."""
    return Q(date_moves__gt=1)
