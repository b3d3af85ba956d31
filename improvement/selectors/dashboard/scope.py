"""What a dashboard may count: the reader's plans, actions and recommendations."""

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from improvement.models import Action, Plan, plan_visible_q
from improvement.selectors.plan_scope import ACTIVE_ONLY, PlanScope
from recommendations.models import Recommendation


def actions_in_scope(
    user, plan: Plan | None = None, scope: PlanScope = ACTIVE_ONLY
) -> QuerySet[Action]:
    """One chosen plan's actions (whatever its status), or those of the plans in `scope`."""
    actions = Action.objects.visible_to(user)
    return actions.filter(priority__plan=plan) if plan else scope.actions(actions)


def recommendations_in_scope(user, plan: Plan | None = None) -> QuerySet[Recommendation]:
    """Recommendations the plan answers: from its inspections or addressed by its actions."""
    recommendations = Recommendation.objects.visible_to(user)
    if plan is None:
        return recommendations
    from_inspections = Plan.inspections.through.objects.filter(plan=plan).values("inspection_id")
    addressed = Action.recommendations.through.objects.filter(action__priority__plan=plan).values(
        "recommendation_id"
    )
    return recommendations.filter(Q(inspection_id__in=from_inspections) | Q(pk__in=addressed))


def plan_choices(user) -> tuple[list[Plan], list[int]]:
    """Visible plans (for the picker) and every plan's update cycle (for the stale rule),
    in one query."""
    visible = plan_visible_q(user)
    flag = (
        Value(True, output_field=BooleanField())
        if visible is None
        else Case(When(visible, then=True), default=False, output_field=BooleanField())
    )
    plans, cycles = [], set()
    for plan in (
        Plan.objects.order_by("-start_date", "title")
        .only("pk", "title", "status", "update_cycle_days", "start_date")
        .annotate(visible=flag)
    ):
        cycles.add(plan.update_cycle_days)
        if plan.visible:
            plans.append(plan)
    return plans, sorted(cycles)
