"""Reads behind the registers, scoped to a user: inspections (scrutiny members never see
confidential ones) and recommendations, each with how far the plan answers it."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear

from improvement.models import Action, Challenge, Plan
from improvement.recommendation_status import (
    attach_action_counts,
    with_derived_status,
    with_status,
)
from improvement.selectors.actions import with_flags
from improvement.selectors.plans import approved_plan_exists, latest_update_annotations
from improvement.selectors.versions import approved_versions_by_plan
from inspections.models import Inspection, Judgement
from recommendations.models import Recommendation


def inspections_for_user(user) -> QuerySet[Inspection]:
    """Inspections the user may read, each with `recommendation_count` and `answered`
    (an approved plan answers it)."""
    recommendations = (
        Recommendation.objects.filter(inspection=OuterRef("pk"))
        .order_by()
        .values("inspection")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Inspection.objects.visible_to(user).annotate(
        recommendation_count=Coalesce(
            Subquery(recommendations, output_field=IntegerField()), Value(0)
        ),
        answered=approved_plan_exists(),
    )


def inspection_years(user) -> list[int]:
    """Years in which inspections the user may read started, newest first."""
    years = (
        Inspection.objects.visible_to(user)
        .annotate(year=ExtractYear("start_date"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return list(years)


def inspection_detail(user, pk: int) -> Inspection:
    """One inspection with the chain its page shows: judgements, recommendations with their
    derived status, each recommendation's actions with their latest update, and the plans
    answering it. A fixed number of queries however many there are."""
    actions = with_flags(
        Action.objects.select_related("priority__plan").prefetch_related("lead_officers")
    ).annotate(**latest_update_annotations())
    recommendations = with_derived_status(
        Recommendation.objects.select_related("responsible_officer")
    ).prefetch_related(
        Prefetch(
            "actions", queryset=actions.order_by("priority__plan", "priority__number", "order")
        )
    )
    return (
        inspections_for_user(user)
        .prefetch_related(
            Prefetch(
                "judgements",
                queryset=Judgement.objects.select_related("area").order_by("area__order", "pk"),
            ),
            Prefetch(
                "recommendations",
                queryset=recommendations.order_by("sort_key", "reference"),
            ),
            Prefetch("plans", queryset=Plan.objects.order_by("-start_date")),
        )
        .get(pk=pk)
    )


def answering_plans(inspection: Inspection) -> tuple[list[Plan], list[Plan]]:
    """The plans answering the inspection: (approved, not approved yet). An approved plan
    carries `approved_version`, its latest approved version, or None where its approval
    date was recorded before plans were signed off in the tracker. One query."""
    plans = list(inspection.plans.all())
    versions = approved_versions_by_plan([plan.pk for plan in plans])
    for plan in plans:
        plan.approved_version = versions.get(plan.pk)
    return [p for p in plans if p.approved_on], [p for p in plans if not p.approved_on]


def recommendations_for_user(user) -> QuerySet[Recommendation]:
    """Recommendations the user may read, each annotated with `derived_status` (filterable).

    A page of them gets its action counts from `with_action_counts`, in one query.
    """
    return with_status(_visible(user))


def with_action_counts(recommendations) -> None:
    """Set `open_actions`, `done_actions` and `verified_actions` on a page of them."""
    attach_action_counts(recommendations)


def _visible(user) -> QuerySet[Recommendation]:
    return Recommendation.objects.visible_to(user).select_related(
        "inspection", "responsible_officer"
    )


def recommendation_detail(user, pk: int) -> Recommendation:
    """One recommendation with its actions (flags, latest update) and challenges."""
    actions = (
        with_flags(
            Action.objects.select_related("priority__plan", "lead_team").prefetch_related(
                "lead_officers"
            )
        )
        .annotate(**latest_update_annotations())
        .order_by("priority__plan", "priority__number", "order")
    )
    challenges = Challenge.objects.select_related("raised_by", "answered_by").order_by("-raised_at")
    return (
        with_derived_status(_visible(user))
        .prefetch_related(
            Prefetch("actions", queryset=actions),
            Prefetch("challenges", queryset=challenges),
        )
        .get(pk=pk)
    )
