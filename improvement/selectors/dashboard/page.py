"""The whole dashboard page's data, for one plan or across plans, as at a day."""

from dataclasses import dataclass
from datetime import date

from improvement import snapshots
from improvement.models import Plan
from improvement.selectors.dashboard.changes import Changes, changes_between
from improvement.selectors.dashboard.counts import StatusBreakdown, status_breakdown
from improvement.selectors.dashboard.journey import Journey, inspection_journey
from improvement.selectors.dashboard.lists import (
    ActionList,
    attach_leads,
    completed_since,
)
from improvement.selectors.dashboard.past import day_figures, figures_scope
from improvement.selectors.dashboard.recommendations import (
    RecommendationSummary,
    recommendation_summary,
)
from improvement.selectors.dashboard.scope import (
    actions_in_scope,
    plan_choices,
    recommendations_in_scope,
)
from improvement.selectors.dashboard.trend import TrendPoint, cached_trend, month_ends
from improvement.selectors.plan_scope import ACTIVE_ONLY, PlanScope
from improvement.status import today


@dataclass
class Dashboard:
    plan: Plan | None
    plans: list[Plan]
    day: date
    since: date
    is_today: bool
    breakdown: StatusBreakdown
    overdue: ActionList
    stale: ActionList
    completed: list
    completed_more: bool
    trend: list[TrendPoint]
    recommendations: RecommendationSummary
    journey: Journey
    changes: Changes | None = None
    scope: PlanScope = ACTIVE_ONLY


def dashboard(
    user,
    *,
    plan: Plan | None,
    day: date,
    since: date,
    changes_since: date | None = None,
    scope: PlanScope = ACTIVE_ONLY,
) -> Dashboard:
    """Everything the dashboard page shows, in a fixed number of queries.

    What changed is worked out only for a date the reader picks (the last meeting, say):
    it compares every action's state on that day and on `day`, which a default view should
    not pay for.
    Across plans it counts the plans in `scope` (active ones unless the reader asks); one
    chosen plan is counted whatever its status.
    """
    plans, cycles = plan_choices(user)
    actions = actions_in_scope(user, plan, scope)
    priorities = list(plan.priorities.order_by("number")) if plan else None
    ends = month_ends(day)
    stored_day, stored_ends = _read_stored_days(user, plan, scope, day=day, since=since, ends=ends)
    figures = day_figures(
        user, plan, actions, scope=scope, day=day, since=since, cycles=cycles, stored=stored_day
    )
    breakdown = status_breakdown(
        actions,
        day=day,
        since=since,
        cycles=cycles,
        plan=plan,
        priorities=priorities,
        plans=scope.plans(plans),
        scope=scope,
        counted=figures.counted,
    )
    overdue, stale = figures.overdue, figures.stale
    completed, completed_more = completed_since(actions, day=day, since=since)
    attach_leads(overdue + stale + completed)
    in_plan = {"plan": plan.pk} if plan else scope.params
    return Dashboard(
        plan=plan,
        plans=plans,
        day=day,
        since=since,
        is_today=day >= today(),
        breakdown=breakdown,
        overdue=ActionList(overdue, breakdown.total.overdue, {"overdue": 1, **in_plan}),
        stale=ActionList(stale, breakdown.total.stale, {"stale": 1, **in_plan}),
        completed=completed,
        completed_more=completed_more,
        trend=cached_trend(
            user, plan, actions, ends, scope, live=breakdown.total.counts, stored=stored_ends
        ),
        recommendations=recommendation_summary(recommendations_in_scope(user, plan)),
        journey=inspection_journey(user),
        changes=changes_between(actions, start=changes_since, end=day) if changes_since else None,
        scope=scope,
    )


def _read_stored_days(
    user, plan: Plan | None, scope: PlanScope, *, day, since, ends
) -> tuple[dict, dict]:
    """The day's stored figures (a past day) and the trend's stored month ends, in one query."""
    keys = figures_scope(user, plan, scope, since), snapshots.reader_scope(user, plan, scope)
    found = snapshots.read({keys[0]: [day], keys[1]: ends})
    return found[keys[0]], found[keys[1]]
