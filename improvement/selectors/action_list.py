"""Reads behind the filtered action list (filters.filtered_actions filters it)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, QuerySet

from improvement.models import Action, Priority
from improvement.status import DASHBOARD_ORDER, Status, effective_status
from recommendations.models import Recommendation

# The reference order's priority part, (field, descending): newest plan first, then the
# priorities' numbers. filters sorts actions by it, then by their order within a priority.
PRIORITY_ORDER = (
    ("priority__plan__start_date", True),
    ("priority__plan__title", False),
    ("priority__plan_id", False),
    ("priority__number", False),
)


def priority_order(name=F) -> list:
    """PRIORITY_ORDER as order_by terms, over the fields or what `name` makes of each."""
    return [name(f).desc() if descending else name(f).asc() for f, descending in PRIORITY_ORDER]


def for_list_page(user, actions: QuerySet[Action]) -> QuerySet[Action]:
    """What a list row shows beyond actions_for_user: the recommendations the user may read."""
    visible = Recommendation.objects.visible_to(user).only("pk", "reference", "inspection_id")
    return actions.prefetch_related(Prefetch("recommendations", queryset=visible))


@dataclass
class ListSummary:
    """What the list's one aggregate query finds: how many actions have each effective
    status, and how many each priority holds, priorities in reference order."""

    by_status: Counter = field(default_factory=Counter)
    by_priority: list[tuple[int, int]] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(status, label, number) for each effective status present, worst first."""
        return [
            (status, Status(status).label, self.by_status[status])
            for status in DASHBOARD_ORDER
            if self.by_status.get(status)
        ]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def summarise(actions: QuerySet[Action]) -> ListSummary:
    """Counts by effective status and by priority, priorities in reference order.

    One GROUP BY over the filtered actions (annotated by selectors.actions.with_flags) on
    the declared status and the overdue flag, each group's effective status then worked
    out by status.effective_status: grouping by the effective status's text expression
    kept PostgreSQL from a parallel plan and took about twice as long. Then the
    priorities found, sorted by a query over those few hundred rows: aggregating the sort
    fields over every action (so the database could sort the groups) cost more than both."""
    rows = (
        actions.order_by()
        .values_list("priority_id", "declared_status", "overdue")
        .annotate(n=Count("pk"))
    )
    summary, per_priority = ListSummary(), Counter()
    for priority_id, declared, overdue, n in rows:
        summary.by_status[effective_status(declared, overdue)] += n
        per_priority[priority_id] += n
    in_order = (
        Priority.objects.filter(pk__in=list(per_priority))
        .order_by(*priority_order(lambda field: F(field.removeprefix("priority__"))), "pk")
        .values_list("pk", flat=True)
    )
    summary.by_priority = [(pk, per_priority[pk]) for pk in in_order]
    return summary


class ReferenceWindow:
    """Actions sorted by reference which, sliced for a page, read only the priorities the
    page overlaps: the unfiltered list need not sort every action to show fifty.

    `priorities` is (priority id, number of actions) in reference order, as `summarise`
    gives it; the queryset must be sorted by reference. Paginator slices it like a queryset.
    """

    ordered = True

    def __init__(self, actions: QuerySet[Action], priorities: list[tuple[int, int]]):
        self.actions = actions
        self.priorities = priorities

    def count(self) -> int:
        return sum(n for _, n in self.priorities)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice):
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("ReferenceWindow takes a slice without a step")
        start, stop = window.start or 0, window.stop if window.stop is not None else self.count()
        overlapped, before, position = [], None, 0
        for priority_id, n in self.priorities:
            if position + n > start and position < stop:
                overlapped.append(priority_id)
                before = position if before is None else before
            position += n
        if not overlapped:
            return self.actions.none()
        return self.actions.filter(priority_id__in=overlapped)[start - before : stop - before]
