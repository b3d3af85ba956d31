"""Reads behind the filtered action list (filters.filtered_actions filters it)."""

from django.db.models import Count, Prefetch, QuerySet

from improvement.models import Action
from improvement.status import DASHBOARD_ORDER, Status
from recommendations.models import Recommendation


def for_list_page(user, actions: QuerySet[Action]) -> QuerySet[Action]:
    """What a list row shows beyond actions_for_user: the recommendations the user may read."""
    visible = Recommendation.objects.visible_to(user).only("pk", "reference", "inspection_id")
    return actions.prefetch_related(Prefetch("recommendations", queryset=visible))


def effective_counts(actions: QuerySet[Action]) -> list[tuple[str, str, int]]:
    """(status, label, number) for each effective status present, worst first; one query."""
    counts = dict(actions.order_by().values_list("effective").annotate(n=Count("pk")))
    return [
        (status, Status(status).label, counts[status])
        for status in DASHBOARD_ORDER
        if counts.get(status)
    ]
