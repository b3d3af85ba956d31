"""Each action's status and flags as they stood at the end of a day, under the same names
whichever the day, so counts and lists read one shape."""

from datetime import date

from django.db.models import F, QuerySet

from core.clock import end_of_day
from improvement import status_sql
from improvement.models import Action, ProgressUpdate
from improvement.selectors.actions import with_status_as_at
from improvement.status import today


def as_at(actions: QuerySet[Action], day: date, cycles) -> QuerySet[Action]:
    """Annotate `st` (declared status), `tg` (target date), `last` (last activity), and the
    flags `ov` (overdue), `stl` (stale) and `eff` (status counting overdue as off track),
    as they stood at the end of `day`.

    For today the action's own columns are read (they are what the action list filters
    on); for a past day, each action's period in force then (improvement/periods.py).
    """
    if day >= today():
        annotated = actions.annotate(
            st=F("declared_status"),
            tg=F("target_date"),
            last=status_sql.last_activity(),
        )
    else:
        annotated = with_status_as_at(actions, day).annotate(
            st=F("status_then"),
            tg=F("target_then"),
            last=status_sql.last_activity("last_update_then"),
        )
    then = {"target": "tg", "status": "st"}
    return annotated.annotate(
        ov=status_sql.flag(status_sql.overdue(day, **then)),
        stl=status_sql.flag(status_sql.stale(day, cycles, activity="last", status="st")),
        eff=status_sql.effective(day, **then),
    )


def declared_between(statuses, start: date, end: date) -> QuerySet:
    """Ids of actions with an update declaring one of `statuses` after `start` and by the end
    of `end`: a range read on the updates' (status, created_at) index, used as an IN list
    rather than tested action by action. Unordered: the updates' own ordering would make
    PostgreSQL sort them and read each from the table."""
    return (
        ProgressUpdate.objects.filter(
            status__in=statuses, created_at__gte=end_of_day(start), created_at__lt=end_of_day(end)
        )
        .order_by()
        .values("action_id")
    )
