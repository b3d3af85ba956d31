"""Reads for the plans area and the plan manager's home page, scoped to a user."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from improvement import status_sql
from improvement.models import Action, DateChangeRequest, Plan, Priority, ProgressUpdate
from improvement.selectors.actions import actions_for_user, with_flags
from improvement.status import DONE, Status, today
from inspections.models import OFSTED_KINDS, Inspection


@dataclass(frozen=True)
class PlanCounts:
    total: int = 0
    overdue: int = 0
    stale: int = 0
    done: int = 0
    closed: int = 0

    @property
    def open(self) -> int:
        return self.total - self.done - self.closed


def plan_counts(user, plan_ids, on: date | None = None) -> dict[int, PlanCounts]:
    """Per plan: visible actions, overdue, stale, complete or verified, closed. One query."""
    on = on or today()
    rows = (
        Action.objects.visible_to(user)
        .filter(priority__plan__in=plan_ids)
        .order_by()
        .values("priority__plan")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=status_sql.overdue(on)),
            stale=Count("pk", filter=status_sql.stale(on, status_sql.update_cycles())),
            done=Count("pk", filter=Q(declared_status__in=[Status.COMPLETE, Status.VERIFIED])),
            closed=Count("pk", filter=Q(declared_status=Status.CLOSED)),
        )
    )
    return {row.pop("priority__plan"): PlanCounts(**row) for row in rows}


def with_counts(user, plans) -> list[Plan]:
    """The plans (a page of them), each carrying `counts`."""
    plans = list(plans)
    counts = plan_counts(user, [plan.pk for plan in plans])
    for plan in plans:
        plan.counts = counts.get(plan.pk, PlanCounts())
    return plans


def latest_update_annotations() -> dict:
    """The latest progress update's narrative and author, for list rows."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-created_at", "-pk")
    return {
        "latest_at": Subquery(latest.values("created_at")[:1]),
        "latest_narrative": Subquery(latest.values("narrative")[:1]),
        "latest_author": Subquery(latest.values("author_name")[:1]),
    }


def plan_detail(user, pk: int) -> Plan:
    """A plan with the inspections the user may see and its successors and predecessor.

    Raises Plan.DoesNotExist when the plan is missing or hidden from the user."""
    return (
        Plan.objects.visible_to(user)
        .select_related("carried_from")
        .prefetch_related(
            Prefetch(
                "inspections",
                queryset=Inspection.objects.visible_to(user).order_by("start_date"),
            ),
            Prefetch("successors", queryset=Plan.objects.order_by("start_date")),
        )
        .get(pk=pk)
    )


def plan_priorities(user, plan: Plan) -> QuerySet[Priority]:
    """The plan's priorities in order, each with `action_count` of actions the user may see."""
    visible = (
        Action.objects.visible_to(user)
        .filter(priority=OuterRef("pk"))
        .order_by()
        .values("priority")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return plan.priorities.annotate(
        action_count=Coalesce(Subquery(visible, output_field=IntegerField()), Value(0))
    ).order_by("number")


def plan_actions(user, plan: Plan) -> QuerySet[Action]:
    """The plan's actions the user may see, in working-document order, with flags."""
    actions = actions_for_user(user).filter(priority__plan=plan)
    return (
        with_flags(actions)
        .annotate(**latest_update_annotations())
        .order_by("priority__number", "order")
    )


def carryable_actions(plan: Plan) -> QuerySet[Action]:
    """The plan's open actions, which a refresh may carry over: not complete, verified or closed."""
    return (
        Action.objects.filter(priority__plan=plan)
        .exclude(declared_status__in=DONE)
        .select_related("priority")
        .order_by("priority__number", "order")
    )


def default_refresh_title(plan: Plan) -> str:
    return f"{plan.title} (refreshed {today():%B %Y})"


# --------------------------------------------------------------------------------------
# Date requests and the plan manager's home page
# --------------------------------------------------------------------------------------


def pending_date_requests(user) -> QuerySet[DateChangeRequest]:
    """Requests waiting for a decision on actions the user may see, oldest first."""
    return (
        DateChangeRequest.objects.visible_to(user)
        .select_related("action__priority__plan", "requested_by", "decided_by")
        .filter(state=DateChangeRequest.State.PENDING)
        .order_by("requested_at", "pk")
    )


@dataclass(frozen=True)
class PlanDue:
    inspection: Inspection
    due: date
    working_days_left: int

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0

    @property
    def working_days_overdue(self) -> int:
        return max(-self.working_days_left, 0)


def approved_plan_exists():
    return Exists(Plan.objects.filter(inspections=OuterRef("pk"), approved_on__isnull=False))


def plans_due(user, on: date | None = None) -> list[PlanDue]:
    """Each Ofsted inspection's plan due date, until an approved plan answers it; soonest first."""
    from inspections.working_days import working_days_between

    on = on or today()
    inspections = (
        Inspection.objects.visible_to(user)
        .filter(published_on__isnull=False, kind__in=OFSTED_KINDS)
        .annotate(answered=approved_plan_exists())
        .filter(answered=False)
    )
    due = []
    for inspection in inspections:
        due_date = inspection.plan_due_date
        if due_date is not None:
            due.append(PlanDue(inspection, due_date, working_days_between(on, due_date)))
    return sorted(due, key=lambda item: (item.due, item.inspection.title))


def plan_overview(user) -> list[Plan]:
    """Draft and active plans with their counts, for the plan manager's home page."""
    plans = (
        Plan.objects.visible_to(user).exclude(status=Plan.State.CLOSED).order_by("status", "title")
    )
    return with_counts(user, plans)
