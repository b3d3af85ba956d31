"""The dashboard's short lists: overdue, not updated on time, and completed since a date."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import reduce

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber

from core.clock import end_of_day
from improvement.models import Action, ProgressUpdate
from improvement.selectors.dashboard.as_at import as_at
from improvement.status import OPEN, Status, today

LIST_LIMIT = 10
OVERDUE_ORDER = ("tg", "priority__number", "order", "pk")  # most overdue first
STALE_ORDER = ("last", "pk")  # longest without an update first


@dataclass
class ActionList:
    """The first actions of a list, how many it has, and the filters of the full list."""

    actions: list
    total: int
    filters: dict

    @property
    def more(self) -> int:
        return max(self.total - len(self.actions), 0)


def attach_leads(actions: list[Action]) -> None:
    """Set `lead_display` on each listed action: named leads, leads as written, lead team.

    One query for all the listed actions together.
    """
    names = defaultdict(list)
    if actions:
        links = (
            Action.lead_officers.through.objects.filter(action_id__in=[a.pk for a in actions])
            .order_by("user__full_name")
            .values_list("action_id", "user__full_name")
        )
        for action_id, name in links:
            names[action_id].append(name)
    for action in actions:
        parts = names[action.pk] + ([action.lead_names] if action.lead_names else [])
        if not parts and action.lead_team_id:
            parts = [action.lead_team.name]
        action.lead_display = ", ".join(parts) or "No lead named"


def listed(queryset: QuerySet[Action], limit: int = LIST_LIMIT) -> list[Action]:
    actions = list(queryset.select_related("priority__plan", "lead_team")[:limit])
    for action in actions:
        # What the row shows as it stood on the day (the annotations), not as it is now.
        action.st_label = Status(getattr(action, "st", action.declared_status)).label
        action.updated_then = getattr(action, "last_update_then", action.last_update_at)
    return actions


def overdue_and_stale(
    actions: QuerySet[Action], *, day: date, cycles
) -> tuple[list[Action], list[Action]]:
    """The first overdue actions (most overdue first) and the first stale ones (longest
    without an update first), as at the end of `day`."""
    # Only open actions can be overdue or stale; saying so lets PostgreSQL walk the partial
    # indexes on open actions in list order and stop at the tenth.
    flagged = as_at(actions, day, cycles).filter(st__in=OPEN)
    if day < today():
        return _first_flagged_then(flagged, day, cycles)
    overdue = listed(flagged.filter(ov=True).order_by(*OVERDUE_ORDER))
    stale = listed(flagged.filter(stl=True).order_by(*STALE_ORDER))
    return overdue, stale


def _first_flagged_then(
    flagged: QuerySet[Action], day: date, cycles
) -> tuple[list[Action], list[Action]]:
    """Both lists for a past day from one pass over the periods in force: each flagged
    action is ranked in both orders, the first of either kept, and those few fetched."""

    def rank(flag: str, order: tuple[str, ...]) -> Window:
        return Window(RowNumber(), partition_by=F(flag), order_by=[F(name) for name in order])

    first = (
        flagged.filter(Q(ov=True) | Q(stl=True))
        .annotate(overdue_rank=rank("ov", OVERDUE_ORDER), stale_rank=rank("stl", STALE_ORDER))
        .filter(Q(overdue_rank__lte=LIST_LIMIT) | Q(stale_rank__lte=LIST_LIMIT))
        # At most ten of each rank in each partition: the limit takes nothing away, but
        # tells the planner to look the few up rather than hash the whole register.
        .order_by()  # no sort of the ranked rows by the model's ordering before the limit
        .values("pk")[: 4 * LIST_LIMIT]
    )
    found = listed(as_at(Action.objects.filter(pk__in=first), day, cycles), limit=None)
    overdue = sorted((a for a in found if a.ov), key=_in_order(OVERDUE_ORDER))
    stale = sorted((a for a in found if a.stl), key=_in_order(STALE_ORDER))
    return overdue[:LIST_LIMIT], stale[:LIST_LIMIT]


def _in_order(order: tuple[str, ...]):
    """A sort key giving the order of `order_by(*order)` in Python."""
    return lambda action: tuple(reduce(getattr, name.split("__"), action) for name in order)


def completed_since(
    actions: QuerySet[Action], *, day: date, since: date
) -> tuple[list[Action], bool]:
    """The first actions declared complete or verified after `since`, latest first, and
    whether there are more (one more is fetched to tell).

    The window's declarations are walked newest first on the updates' time index, each
    kept only when it is its action's latest and the action is in `actions`, until enough
    are found: a few rows read, where testing every declared action for the reader's
    scope read thousands. Those are then fetched with what the row shows.
    """
    done = [Status.COMPLETE, Status.VERIFIED]
    declared = ProgressUpdate.objects.filter(status__in=done, created_at__lt=end_of_day(day))
    later = declared.filter(action=OuterRef("action")).filter(
        Q(created_at__gt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    first = (
        declared.filter(created_at__gte=end_of_day(since), action__in=actions)
        .filter(~Exists(later))
        .order_by("-created_at", "action")
        .values("action")[: LIST_LIMIT + 1]
    )
    latest = declared.filter(action=OuterRef("pk")).order_by("-created_at", "-pk")
    found = listed(
        actions.filter(pk__in=first)
        .annotate(
            done_at=Subquery(latest.values("created_at")[:1]),
            done_status=Subquery(latest.values("status")[:1]),
        )
        .order_by("-done_at", "pk"),
        limit=None,
    )
    return found[:LIST_LIMIT], len(found) > LIST_LIMIT
