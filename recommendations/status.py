"""A recommendation's status is derived from its response and its actions, never typed.

`derived_status` is the rule as a pure function; `with_derived_status` is the same rule
as SQL annotations, so registers can filter and count by it in one query. Tests check
that the two agree.
"""

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from improvement.status import Status


class DerivedStatus(TextChoices):
    NO_ACTIONS = "no_actions", "No actions yet"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "All actions complete"
    CLOSED = "closed", "Closed"
    REJECTED = "rejected", "Rejected"


# The status tag (includes/status_tag.html) each derived status borrows from the action
# statuses, so every page colours recommendations alike; the label is always shown.
TAG_STATUS = {
    DerivedStatus.NO_ACTIONS: Status.NOT_STARTED,
    DerivedStatus.IN_PROGRESS: Status.ON_TRACK,
    DerivedStatus.COMPLETE: Status.COMPLETE,
    DerivedStatus.CLOSED: Status.VERIFIED,
    DerivedStatus.REJECTED: Status.CLOSED,
}


def derived_status(
    *, response: str, is_closed: bool, open_actions: int, done_actions: int, verified_actions: int
) -> str:
    """The status of one recommendation.

    `open_actions` counts its actions that are not closed (withdrawn or carried over
    actions no longer answer it); `done_actions` those of them complete or verified;
    `verified_actions` those verified. Rejected wins; a recommendation closed or
    withdrawn by a plan manager is closed; so is one whose every live action is verified.
    """
    if response == "rejected":
        return DerivedStatus.REJECTED
    if is_closed:
        return DerivedStatus.CLOSED
    if open_actions == 0:
        return DerivedStatus.NO_ACTIONS
    if verified_actions == open_actions:
        return DerivedStatus.CLOSED
    if done_actions == open_actions:
        return DerivedStatus.COMPLETE
    return DerivedStatus.IN_PROGRESS


def _count_of_actions(status_q: Q) -> Subquery:
    from recommendations.models import Recommendation

    links = (
        Recommendation.actions.through.objects.filter(recommendation=OuterRef("pk"))
        .filter(status_q)
        .order_by()
        .values("recommendation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(links, output_field=IntegerField()), Value(0))


def with_derived_status(recommendations: QuerySet) -> QuerySet:
    """Annotate `open_actions`, `done_actions`, `verified_actions` and `derived_status`.

    Subqueries rather than joins, so the counts stay right whatever else is joined.
    """
    annotated = recommendations.annotate(
        open_actions=_count_of_actions(~Q(action__declared_status=Status.CLOSED)),
        done_actions=_count_of_actions(
            Q(action__declared_status__in=[Status.COMPLETE, Status.VERIFIED])
        ),
        verified_actions=_count_of_actions(Q(action__declared_status=Status.VERIFIED)),
    )
    return annotated.annotate(
        derived_status=Case(
            When(response="rejected", then=Value(DerivedStatus.REJECTED)),
            When(closed_at__isnull=False, then=Value(DerivedStatus.CLOSED)),
            When(open_actions=0, then=Value(DerivedStatus.NO_ACTIONS)),
            When(verified_actions=F("open_actions"), then=Value(DerivedStatus.CLOSED)),
            When(done_actions=F("open_actions"), then=Value(DerivedStatus.COMPLETE)),
            default=Value(DerivedStatus.IN_PROGRESS),
            output_field=CharField(),
        )
    )


def status_of(recommendation) -> str:
    """The derived status of a recommendation, from its annotations when it has them."""
    annotated = getattr(recommendation, "derived_status", None)
    if annotated:
        return annotated
    actions = list(recommendation.actions.all())
    live = [action for action in actions if action.declared_status != Status.CLOSED]
    return derived_status(
        response=recommendation.response,
        is_closed=recommendation.closed_at is not None,
        open_actions=len(live),
        done_actions=sum(a.declared_status in (Status.COMPLETE, Status.VERIFIED) for a in live),
        verified_actions=sum(a.declared_status == Status.VERIFIED for a in live),
    )
