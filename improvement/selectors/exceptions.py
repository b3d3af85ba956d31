"""Exceptions an auditor looks for, and the verification queue, counted and listed in SQL.

The kinds follow DESIGN.md section 4: complete awaiting verification, overdue, stale, and
the contradictions (declared on track but overdue; complete without evidence; target date
moved more than once). Each kind is one Q over actions annotated by `with_exception_facts`,
so counts are one aggregate query and each list is one filtered queryset.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from improvement import status_sql
from improvement.models import Action, Evidence, ProgressUpdate, TargetDateChange
from improvement.selectors.actions import actions_for_user
from improvement.status import Status, today


def returned_q() -> Q:
    """Returned by a verifier and not updated since (Action.is_returned, in SQL)."""
    return Q(returned_at__isnull=False) & (
        Q(last_update_at__isnull=True) | Q(last_update_at__lte=F("returned_at"))
    )


def awaiting_verification_q() -> Q:
    return Q(declared_status=Status.COMPLETE) & ~returned_q()


@dataclass(frozen=True)
class ExceptionKind:
    key: str
    label: str
    explanation: str
    is_contradiction: bool = False

    def q(self, on: date) -> Q:
        return KIND_CONDITIONS[self.key](on)


KINDS = (
    ExceptionKind(
        "awaiting_verification",
        "Complete, awaiting verification",
        "Declared complete by the lead; nobody has yet checked the evidence and verified it.",
    ),
    ExceptionKind(
        "overdue",
        "Overdue",
        "The current target date has passed and the action is not complete, verified or "
        "closed. Dashboards count it as off track.",
    ),
    ExceptionKind(
        "stale",
        "Not updated on time",
        "No progress update within the plan's update cycle.",
    ),
    ExceptionKind(
        "on_track_but_overdue",
        "Declared on track but overdue",
        "The lead says on track, but the target date has passed.",
        is_contradiction=True,
    ),
    ExceptionKind(
        "complete_without_evidence",
        "Complete with no evidence",
        "Declared complete or verified, but no evidence is attached to any update.",
        is_contradiction=True,
    ),
    ExceptionKind(
        "date_moved_repeatedly",
        "Target date moved more than once",
        "The current target date has been changed two or more times.",
        is_contradiction=True,
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}

KIND_CONDITIONS = {
    "awaiting_verification": lambda on: awaiting_verification_q(),
    "overdue": status_sql.overdue,
    "stale": lambda on: status_sql.stale(on, status_sql.update_cycles()),
    "on_track_but_overdue": status_sql.on_track_but_overdue,
    "complete_without_evidence": lambda on: status_sql.complete_without_evidence(),
    "date_moved_repeatedly": lambda on: status_sql.date_moved_repeatedly(),
}


def with_exception_facts(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Annotate what the contradictions need: `has_evidence` and `date_moves`."""
    moves = (
        TargetDateChange.objects.filter(action=OuterRef("pk"))
        .order_by()
        .values("action")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return actions.annotate(
        has_evidence=Exists(Evidence.objects.filter(update__action=OuterRef("pk"))),
        date_moves=Coalesce(Subquery(moves, output_field=IntegerField()), Value(0)),
    )


def exception_counts(user, on: date | None = None) -> list[tuple[ExceptionKind, int]]:
    """Each kind with the number of the user's visible actions in it: one query."""
    on = on or today()
    actions = with_exception_facts(Action.objects.visible_to(user))
    totals = actions.aggregate(**{kind.key: Count("pk", filter=kind.q(on)) for kind in KINDS})
    return [(kind, totals[kind.key]) for kind in KINDS]


def exception_actions(user, kind: ExceptionKind | None, on: date | None = None) -> QuerySet:
    """The actions of one kind (or of any kind), with the flags, latest narrative and leads.

    Each action carries a boolean per kind (`is_<key>`), so a list of every exception can
    say which ones apply to each action.
    """
    on = on or today()
    actions = with_exception_facts(actions_for_user(user))
    actions = actions.annotate(
        **{
            f"is_{k.key}": Case(
                When(k.q(on), then=True), default=False, output_field=BooleanField()
            )
            for k in KINDS
        }
    )
    if kind is not None:
        actions = actions.filter(kind.q(on))
    else:
        any_kind = Q(pk__in=[])
        for each in KINDS:
            any_kind |= each.q(on)
        actions = actions.filter(any_kind)
    return with_latest_update(actions).order_by(
        "priority__plan__title", "priority__plan_id", "priority__number", "order", "pk"
    )


def with_latest_update(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Annotate the latest narrative, its author and the number of evidence items."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-created_at", "-pk")
    evidence = (
        Evidence.objects.filter(update__action=OuterRef("pk"))
        .order_by()
        .values("update__action")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return actions.annotate(
        latest_narrative=Subquery(latest.values("narrative")[:1]),
        latest_author=Subquery(latest.values("author_name")[:1]),
        evidence_count=Coalesce(Subquery(evidence, output_field=IntegerField()), Value(0)),
    )


def kinds_of(action) -> list[ExceptionKind]:
    """The kinds an action from `exception_actions` is in (read from its annotations)."""
    return [kind for kind in KINDS if getattr(action, f"is_{kind.key}", False)]


def verification_queue(user) -> QuerySet[Action]:
    """Complete actions waiting for someone to verify them, oldest completion first."""
    return (
        with_latest_update(actions_for_user(user).filter(awaiting_verification_q()))
        .select_related("lead_team")
        .order_by(F("completed_on").asc(nulls_last=True), "pk")
    )


def returned_actions(user) -> QuerySet[Action]:
    """Actions returned to their leads and not yet updated: waiting on the lead, not you."""
    return (
        actions_for_user(user)
        .filter(returned_q(), declared_status=Status.COMPLETE)
        .order_by("-returned_at", "pk")
    )


CSV_HEADER = [
    "Plan",
    "Reference",
    "Action",
    "Leads",
    "Lead team",
    "Declared status",
    "Target date",
    "Last update",
    "Evidence items",
    "Exceptions",
    "Latest narrative",
]


def csv_rows(actions: QuerySet[Action]) -> Iterator[list]:
    """The rows of an exceptions export, read 500 actions at a time."""
    yield CSV_HEADER
    for action in actions.iterator(chunk_size=500):
        leads = [lead.full_name for lead in action.lead_officers.all()]
        if action.lead_names:
            leads.append(action.lead_names)
        yield [
            action.priority.plan.title,
            action.reference,
            action.title,
            "; ".join(leads),
            action.lead_team.name if action.lead_team else "",
            action.status_label,
            action.target_date.isoformat() if action.target_date else "",
            timezone.localtime(action.last_update_at).date().isoformat()
            if action.last_update_at
            else "",
            action.evidence_count,
            "; ".join(kind.label for kind in kinds_of(action)),
            action.latest_narrative or "",
        ]
