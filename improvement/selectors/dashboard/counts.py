"""Counts of actions by effective status (overdue counts as off track), per priority or
per plan and in total, with the filters of the list behind each figure."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from improvement import impact
from improvement.models import Action, Plan, Priority
from improvement.selectors.dashboard.as_at import as_at, declared_between
from improvement.selectors.dashboard.scope import actions_in_scope, plan_choices
from improvement.selectors.plan_scope import ACTIVE_ONLY, PlanScope
from improvement.status import DASHBOARD_ORDER, Status, effective_status, today


@dataclass(frozen=True)
class Figure:
    """One number on the dashboard, with the filters of the list behind it (None: no list)."""

    status: str
    label: str
    count: int
    share: int
    filters: dict | None = None


@dataclass
class StatusRow:
    """Counts by effective status for one priority, one plan, or everything."""

    label: str
    filters: dict
    counts: dict = field(default_factory=lambda: dict.fromkeys(Status.values, 0))
    overdue: int = 0
    stale: int = 0
    completed: int = 0
    verified: int = 0
    impact_evidenced: int = 0  # complete or verified, with its impact evidenced by the day
    number: int | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, status: str) -> int:
        return round(100 * self.counts[status] / self.total) if self.total else 0

    @property
    def figures(self) -> list[Figure]:
        return [
            Figure(
                status,
                Status(status).label,
                self.counts[status],
                self.share(status),
                {"status": status, **self.filters},
            )
            for status in DASHBOARD_ORDER
        ]

    @property
    def work_done(self) -> int:
        return self.counts[Status.COMPLETE] + self.counts[Status.VERIFIED]

    @property
    def impact_pending(self) -> int:
        """Complete or verified, but with no "impact evidenced" judgement by the day."""
        return self.work_done - self.impact_evidenced

    @property
    def done_share(self) -> int:
        return round(100 * self.work_done / self.total) if self.total else 0

    def add(self, other: "StatusRow") -> None:
        for status, count in other.counts.items():
            self.counts[status] += count
        self.overdue += other.overdue
        self.stale += other.stale
        self.completed += other.completed
        self.verified += other.verified
        self.impact_evidenced += other.impact_evidenced


@dataclass
class StatusBreakdown:
    rows: list[StatusRow]
    total: StatusRow
    by: str  # "priority" or "plan"

    @property
    def statuses_present(self) -> list[tuple[str, str]]:
        return [(s, Status(s).label) for s in DASHBOARD_ORDER if self.total.counts[s]]


def grouped_counts(
    actions: QuerySet[Action], group: str, *, day: date, since: date, cycles
) -> list[dict]:
    """One GROUP BY query on plain columns and flags (declared status, overdue), so
    PostgreSQL hashes a few hundred groups rather than evaluating a CASE per group. Each
    row: `group` (the priority or plan id), `st`, `ov`, and the counts `n`, `n_stale`,
    `n_completed`, `n_verified`, `n_impact` (impact evidenced by the day); plain values,
    so a past day's rows can be stored."""
    rows = (
        as_at(actions, day, cycles)
        .order_by()
        .values(group, "st", "ov")
        .annotate(
            n=Count("pk"),
            n_stale=Count("pk", filter=Q(stl=True)),
            n_completed=Count(
                "pk", filter=Q(pk__in=declared_between([Status.COMPLETE], since, day))
            ),
            n_verified=Count(
                "pk", filter=Q(pk__in=declared_between([Status.VERIFIED], since, day))
            ),
            n_impact=Count("pk", filter=impact.evidenced_q(day, status="st")),
        )
    )
    return [{**row, "group": row.pop(group)} for row in rows]


def group_of(plan: Plan | None) -> str:
    """What the breakdown groups by: one plan's priorities, or the plans."""
    return "priority_id" if plan is not None else "priority__plan_id"


def _empty_rows(plan, priorities, plans) -> dict[int, StatusRow]:
    if plan is not None:
        return {
            priority.pk: StatusRow(
                str(priority),
                {"plan": plan.pk, "priority": priority.pk},
                number=priority.number,
            )
            for priority in priorities or []
        }
    return {each.pk: StatusRow(each.title, {"plan": each.pk}) for each in plans or []}


def status_breakdown(
    actions: QuerySet[Action],
    *,
    day: date,
    since: date,
    cycles,
    plan: Plan | None = None,
    priorities: list[Priority] | None = None,
    plans: list[Plan] | None = None,
    scope: PlanScope = ACTIVE_ONLY,
    counted: list[dict] | None = None,
) -> StatusBreakdown:
    """Counts by effective status per priority (for a plan) or per plan, and in total;
    each group's effective status is worked out from its flags by status.effective_status.
    `counted`: grouped_counts' rows when the caller has them (a stored past day)."""
    by_priority = plan is not None
    if counted is None:
        counted = grouped_counts(actions, group_of(plan), day=day, since=since, cycles=cycles)
    rows = _empty_rows(plan, priorities, plans)
    total = StatusRow(
        "All actions" if by_priority else "All plans", {"plan": plan.pk} if plan else scope.params
    )
    for row in counted:
        target = rows.get(row["group"])
        if target is None:  # a group the caller did not list (should not happen)
            continue
        target.counts[effective_status(row["st"], row["ov"])] += row["n"]
        target.overdue += row["n"] if row["ov"] else 0
        target.stale += row["n_stale"]
        target.completed += row["n_completed"]
        target.verified += row["n_verified"]
        # Days stored before impact was recorded had none evidenced.
        target.impact_evidenced += row.get("n_impact", 0)
    for row in rows.values():
        total.add(row)
    listed = [row for row in rows.values() if row.total or by_priority]
    return StatusBreakdown(listed, total, "priority" if by_priority else "plan")


@dataclass(frozen=True)
class Headline:
    """The scrutiny member's home page figures: today, across the active plans."""

    total: StatusRow

    @property
    def figures(self) -> list[Figure]:
        return self.total.figures


def headline(user) -> Headline:
    plans, cycles = plan_choices(user)
    day = today()
    breakdown = status_breakdown(
        actions_in_scope(user, scope=ACTIVE_ONLY),
        day=day,
        since=day - timedelta(days=30),
        cycles=cycles,
        plans=ACTIVE_ONLY.plans(plans),
    )
    return Headline(breakdown.total)
