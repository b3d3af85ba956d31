"""What a meeting's pack adds to the committee report pack: what changed since the body's
last meeting (status moves, actions completed and verified), challenges raised since and
their answers, and date-change requests decided since.

Built for the pack's reader (reports/audience.py), so a pack for publication holds no
confidential item. With `by_role`, staff are named by their part in the record ("Lead
officer", "Plan manager") rather than by name, so the page, PDF and .xlsx agree.
Fixed number of queries whatever the plan's size.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from core.clock import end_of_day
from improvement.models import Challenge, DateChangeRequest, Plan, ProgressUpdate
from improvement.selectors.dashboard.changes import Move, status_moves
from improvement.selectors.dashboard.scope import actions_in_scope, recommendations_in_scope
from improvement.status import Status

WORK_DONE = (Status.COMPLETE, Status.VERIFIED)


@dataclass(frozen=True)
class ChallengeRow:
    subject: str
    question: str
    raised_on: date
    raised_by: str
    state: str
    answer: str
    answered_on: date | None
    answered_by: str


@dataclass(frozen=True)
class DecisionRow:
    reference: str
    title: str
    new_date: date
    reason: str
    decision: str
    decided_on: date | None
    decided_by: str
    decision_reason: str


@dataclass(frozen=True)
class DoneRow:
    reference: str
    title: str
    status: str
    status_label: str
    on: date
    by: str


@dataclass
class SinceLastMeeting:
    """The meeting sections of a pack, for the days after `since` up to `day`."""

    since: date
    day: date
    moves: list[Move]
    challenges: list[ChallengeRow]
    decisions: list[DecisionRow]
    done: list[DoneRow]

    @property
    def moved_total(self) -> int:
        return sum(move.count for move in self.moves)


def _person(user, role: str, by_role: bool) -> str:
    if user is None or by_role:
        return role
    return user.get_full_name() or role


def _day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def _challenges(reader, plan: Plan, window: dict, by_role: bool) -> list[ChallengeRow]:
    actions = actions_in_scope(reader, plan).values("pk")
    recommendations = recommendations_in_scope(reader, plan).values("pk")
    rows = (
        Challenge.objects.visible_to(reader)
        .filter(Q(action__in=actions) | Q(recommendation__in=recommendations))
        .filter(**{f"raised_at__{k}": v for k, v in window.items()})
        .select_related("action__priority", "recommendation", "raised_by", "answered_by")
        .order_by("raised_at", "pk")
    )
    return [
        ChallengeRow(
            subject=(
                f"Action {c.action.reference} {c.action.title}"
                if c.action_id
                else f"Recommendation {c.recommendation.reference}"
            ),
            question=c.question,
            raised_on=_day(c.raised_at),
            raised_by=_person(c.raised_by, "Scrutiny member", by_role),
            state=c.get_state_display(),
            answer=c.answer,
            answered_on=_day(c.answered_at),
            answered_by=_person(c.answered_by, "Officer", by_role) if c.answer else "",
        )
        for c in rows
    ]


def _decisions(actions, window: dict, by_role: bool) -> list[DecisionRow]:
    rows = (
        DateChangeRequest.objects.filter(action__in=actions.values("pk"))
        .exclude(state=DateChangeRequest.State.PENDING)
        .filter(**{f"decided_at__{k}": v for k, v in window.items()})
        .select_related("action__priority", "decided_by")
        .order_by("decided_at", "pk")
    )
    return [
        DecisionRow(
            reference=r.action.reference,
            title=r.action.title,
            new_date=r.new_date,
            reason=r.reason,
            decision=r.get_state_display(),
            decided_on=_day(r.decided_at),
            decided_by=_person(r.decided_by, "Plan manager", by_role),
            decision_reason=r.decision_reason,
        )
        for r in rows
    ]


def _done(actions, window: dict, by_role: bool) -> list[DoneRow]:
    rows = (
        ProgressUpdate.objects.filter(action__in=actions.values("pk"), status__in=WORK_DONE)
        .filter(**{f"created_at__{k}": v for k, v in window.items()})
        .select_related("action__priority", "author")
        .order_by("created_at", "pk")
    )
    roles = {Status.COMPLETE: "Lead officer", Status.VERIFIED: "Verifier"}
    return [
        DoneRow(
            reference=u.action.reference,
            title=u.action.title,
            status=u.status,
            status_label=Status(u.status).label,
            on=_day(u.created_at),
            by=_person(u.author, roles[u.status], by_role),
        )
        for u in rows
    ]


def since_last_meeting(
    reader, *, plan: Plan, since: date, day: date, by_role: bool = False
) -> SinceLastMeeting:
    """The meeting sections for `plan`, after the end of `since` up to the end of `day`."""
    actions = actions_in_scope(reader, plan)
    window = {"gte": end_of_day(since), "lt": end_of_day(day)}
    moves = status_moves(actions, start=since, end=day)[0] if since < day else []
    return SinceLastMeeting(
        since=since,
        day=day,
        moves=sorted(moves, key=lambda m: (m.before is None, m.before or "", m.after)),
        challenges=_challenges(reader, plan, window, by_role),
        decisions=_decisions(actions, window, by_role),
        done=_done(actions, window, by_role),
    )
