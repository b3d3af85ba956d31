"""The dashboard's short lists: overdue, not updated on time, and completed since a date."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery

from core.clock import end_of_day
from improvement.models import Action, ProgressUpdate
from improvement.selectors.dashboard.as_at import as_at, declared_between
from improvement.status import OPEN, Status

LIST_LIMIT = 10


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
    overdue = listed(flagged.filter(ov=True).order_by("tg", "priority__number", "order"))
    stale = listed(flagged.filter(stl=True).order_by("last", "pk"))
    return overdue, stale


def completed_since(actions: QuerySet[Action], *, day: date, since: date) -> list[Action]:
    """Actions declared complete or verified after `since`, latest first."""
    window = ProgressUpdate.objects.filter(
        action=OuterRef("pk"),
        status__in=[Status.COMPLETE, Status.VERIFIED],
        created_at__gte=end_of_day(since),
        created_at__lt=end_of_day(day),
    ).order_by("-created_at", "-pk")
    done = [Status.COMPLETE, Status.VERIFIED]
    return listed(
        actions.filter(pk__in=declared_between(done, since, day))
        .annotate(
            done_at=Subquery(window.values("created_at")[:1]),
            done_status=Subquery(window.values("status")[:1]),
        )
        .order_by("-done_at", "pk")
    )
