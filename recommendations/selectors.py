"""Reads of recommendations, scoped to a user, with their derived status."""

from django.db.models import Prefetch, QuerySet

from improvement.models import Action, Challenge
from improvement.selectors.actions import with_flags
from improvement.selectors.plans import latest_update_annotations
from recommendations.models import Recommendation
from recommendations.status import attach_action_counts, with_derived_status, with_status


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
