"""Reads of inspections, scoped to a user: scrutiny members never see confidential ones."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear

from improvement.models import Action, Plan
from improvement.selectors.actions import with_flags
from improvement.selectors.plans import approved_plan_exists, latest_update_annotations
from inspections.models import Inspection, Judgement
from recommendations.models import Recommendation
from recommendations.status import with_derived_status


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
