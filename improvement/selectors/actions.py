"""Reads of actions, scoped to a user, with the status rules of status_sql.py in SQL."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Count,
    F,
    FilteredRelation,
    Prefetch,
    Q,
    QuerySet,
)

from core.clock import end_of_day
from improvement import status_sql
from improvement.models import (
    Action,
    Challenge,
    DateChangeRequest,
    Evidence,
    Plan,
    ProgressUpdate,
    TargetDateChange,
)
from improvement.status import Status, today


def actions_for_user(user) -> QuerySet[Action]:
    """Actions the user may read, with what a list row shows fetched up front."""
    return (
        Action.objects.visible_to(user)
        .select_related("priority__plan", "lead_team__organisation")
        .prefetch_related("lead_officers")
    )


def with_flags(actions: QuerySet[Action], on: date | None = None) -> QuerySet[Action]:
    """Annotate `overdue`, `stale` and `effective` (status counting overdue as off track)."""
    on = on or today()
    return actions.annotate(
        overdue=status_sql.flag(status_sql.overdue(on)),
        stale=status_sql.flag(status_sql.stale(on, status_sql.update_cycles())),
        effective=status_sql.effective(on),
    )


def status_counts(actions: QuerySet[Action], on: date | None = None) -> dict[str, int]:
    """Effective status -> number of actions, in one aggregate query."""
    rows = with_flags(actions, on).order_by().values("effective").annotate(n=Count("pk"))
    counts = {status: 0 for status in Status.values}
    for row in rows:
        counts[row["effective"]] = row["n"]
    return counts


def with_status_as_at(actions: QuerySet[Action], day: date) -> QuerySet[Action]:
    """Annotate each action with its status, target date and flags at the end of `day`.

    Read from the action's period in force then (improvement/periods.py keeps them from
    the append-only updates and date changes): one join, not a look-up per action, with
    `status_then`, `target_then`, `last_update_then`, `overdue_then`, `effective_then`.
    Actions created after `day` are left out.
    """
    moment = end_of_day(day)
    in_force = FilteredRelation(
        "periods", condition=Q(periods__starts_at__lt=moment, periods__ends_at__gte=moment)
    )
    annotated = (
        actions.filter(created_at__lt=moment)
        .annotate(period=in_force)
        # An inner join on a column the periods' index holds (not `period__isnull`, which
        # tests the id and sends PostgreSQL to the table).
        .filter(period__starts_at__lt=moment)
        .annotate(
            status_then=F("period__status"),
            target_then=F("period__target_date"),
            last_update_then=F("period__last_update_at"),
        )
    )
    then = {"target": "target_then", "status": "status_then"}
    return annotated.annotate(
        overdue_then=status_sql.flag(status_sql.overdue(day, **then)),
        effective_then=status_sql.effective(day, **then),
    )


def status_counts_as_at(actions: QuerySet[Action], day: date) -> dict[str, int]:
    rows = (
        with_status_as_at(actions, day).order_by().values("effective_then").annotate(n=Count("pk"))
    )
    counts = {status: 0 for status in Status.values}
    for row in rows:
        counts[row["effective_then"]] = row["n"]
    return counts


@dataclass(frozen=True)
class StatusAsAt:
    status: str
    target_date: date | None
    overdue: bool
    effective: str


def plan_statuses_as_at(plan: Plan, day: date) -> dict[int, StatusAsAt]:
    """Every action of a plan as it stood at the end of `day`: one query for the whole plan."""
    rows = (
        with_status_as_at(Action.objects.filter(priority__plan=plan), day)
        .order_by()
        .values_list("pk", "status_then", "target_then", "overdue_then", "effective_then")
    )
    return {pk: StatusAsAt(*rest) for pk, *rest in rows}


def action_detail(user, pk: int) -> Action:
    """One action with everything its page shows, in a fixed number of queries.

    Raises Action.DoesNotExist when the action is missing or hidden from the user. Only
    the recommendations the user may read are listed (scrutiny never sees confidential ones).
    """
    from recommendations.models import Recommendation

    evidence = Evidence.objects.select_related("uploaded_by")
    updates = ProgressUpdate.objects.select_related("author").prefetch_related(
        Prefetch("evidence", queryset=evidence)
    )
    action = (
        actions_for_user(user)
        .select_related("verified_by", "impact_recorded_by")
        .prefetch_related(
            Prefetch("updates", queryset=updates),
            Prefetch(
                "date_changes", queryset=TargetDateChange.objects.select_related("changed_by")
            ),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.visible_to(user).select_related("inspection"),
            ),
            Prefetch(
                "date_requests",
                queryset=DateChangeRequest.objects.select_related("requested_by", "decided_by"),
            ),
            Prefetch(
                "challenges",
                queryset=Challenge.objects.select_related("raised_by", "answered_by").order_by(
                    "raised_at", "pk"
                ),
            ),
        )
        .get(pk=pk)
    )
    # What the contradictions need, from the rows already fetched (no aggregate to compile).
    action.has_evidence = any(update.evidence.all() for update in action.updates.all())
    action.date_change_count = len(action.date_changes.all())
    return action
