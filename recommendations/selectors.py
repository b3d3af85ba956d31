"""Reads of recommendations, scoped to a user, with their derived status."""

from django.db.models import Prefetch, QuerySet

from improvement.models import Action, Challenge
from improvement.selectors.actions import with_flags
from improvement.selectors.plans import latest_update_annotations
from recommendations.models import Recommendation
from recommendations.status import with_derived_status


def recommendations_for_user(user) -> QuerySet[Recommendation]:
    """Recommendations the user may read, each annotated with `derived_status`."""
    return with_derived_status(
        Recommendation.objects.visible_to(user).select_related("inspection", "responsible_officer")
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
        recommendations_for_user(user)
        .prefetch_related(
            Prefetch("actions", queryset=actions),
            Prefetch("challenges", queryset=challenges),
        )
        .get(pk=pk)
    )
