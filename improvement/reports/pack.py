"""The committee report pack for a plan "as at" a date, as plain data.

The printable page, the PDF and the workbook all render this one structure, so they
show the same figures. Fixed number of queries whatever the plan's size. Scoped by the
chosen audience (reports/audience.py), not by who asks: a pack for publication leaves out
confidential items for everyone, a restricted one is made only for those who read them.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.text import slugify

from core.clock import end_of_day
from improvement.models import Plan, ProgressUpdate
from improvement.panels import PackSection, pack_sections
from improvement.recommendation_status import TAG_STATUS, DerivedStatus, with_derived_status
from improvement.reports.audience import MARKINGS, Audience, reader_for
from improvement.reports.meeting import SinceLastMeeting, since_last_meeting
from improvement.selectors.dashboard.as_at import as_at
from improvement.selectors.dashboard.counts import Figure, StatusBreakdown, status_breakdown
from improvement.selectors.dashboard.journey import Journey, inspection_journey
from improvement.selectors.dashboard.lists import attach_leads
from improvement.selectors.dashboard.scope import (
    actions_in_scope,
    plan_choices,
    recommendations_in_scope,
)
from improvement.status import DASHBOARD_ORDER, Status, today
from recommendations.models import Recommendation

SINCE_DAYS = 30


@dataclass(frozen=True)
class ExceptionRow:
    """An action a committee should hear about: off track, overdue or stale."""

    plan_id: int
    action_id: int
    reference: str
    title: str
    priority: str
    declared_status: str
    effective_status: str
    target_date: date | None
    overdue: bool
    stale: bool
    lead: str
    narrative: str
    narrative_at: datetime | None
    days_overdue: int

    @property
    def declared_label(self) -> str:
        return Status(self.declared_status).label

    @property
    def effective_label(self) -> str:
        return Status(self.effective_status).label

    @property
    def reasons(self) -> list[str]:
        found = []
        if self.overdue:
            found.append(
                f"Overdue by {self.days_overdue} day{'s' if self.days_overdue != 1 else ''}"
            )
        elif self.effective_status == Status.OFF_TRACK:
            found.append("Declared off track")
        if self.overdue and self.declared_status == Status.ON_TRACK:
            found.append("Contradiction: declared on track but overdue")
        if self.stale:
            found.append("Not updated on time")
        return found


@dataclass(frozen=True)
class RecommendationRow:
    inspection: str
    reference: str
    text: str
    response: str
    response_text: str
    response_date: date | None
    status: str
    status_label: str
    tag_status: str
    actions: int


@dataclass
class ReportPack:
    plan: Plan
    day: date
    generated_at: datetime
    is_today: bool
    breakdown: StatusBreakdown
    exceptions: list[ExceptionRow]
    recommendations: list[RecommendationRow]
    responses: list[Figure]
    journey: Journey
    audience: str = Audience.PUBLICATION
    meeting: str = ""
    agenda_item: str = ""
    council: str = ""
    sections: list[PackSection] = field(default_factory=list)
    # A meeting's pack: what changed since the body's last meeting, and the cover note.
    changes: SinceLastMeeting | None = None
    cover_note: str = ""

    @property
    def audience_label(self) -> str:
        return Audience(self.audience).label

    @property
    def marking(self) -> str:
        """ "OFFICIAL" for publication, "OFFICIAL-SENSITIVE" when confidential items are in."""
        return MARKINGS[self.audience]

    @property
    def is_restricted(self) -> bool:
        return self.audience == Audience.RESTRICTED

    @property
    def total(self):
        return self.breakdown.total

    @property
    def key_messages(self) -> list[str]:
        total = self.total
        counts = total.counts
        if not total.total:
            return ["The plan has no actions yet."]
        by_status = ", ".join(
            f"{counts[s]} {Status(s).label.lower()}" for s in DASHBOARD_ORDER if counts[s]
        )
        messages = [
            f"{total.total} actions: {by_status}.",
            f"{total.done_share}% of actions are complete or verified.",
            f"Of the {total.work_done} complete or verified, {total.impact_evidenced} "
            f"{'has its' if total.impact_evidenced == 1 else 'have their'} impact evidenced and "
            f"{total.impact_pending} not yet.",
            f"{counts[Status.OFF_TRACK]} off track, of which {total.overdue} "
            f"{'is' if total.overdue == 1 else 'are'} past their target date "
            "(an overdue action counts as off track whatever its lead has declared).",
            f"{total.stale} open action{'s' if total.stale != 1 else ''} had no progress update "
            f"within the plan's {self.plan.update_cycle_days}-day update cycle.",
        ]
        recommendations = len(self.recommendations)
        if recommendations:
            responded = sum(1 for r in self.recommendations if r.response)
            messages.append(
                f"{recommendations} recommendation{'s' if recommendations != 1 else ''} "
                f"answered by this plan; {responded} with a formal response recorded."
            )
        return messages

    @property
    def filename_stem(self) -> str:
        """ "improvement-plan-2026-28-pack-as-at-2026-03-31-official": plan, date, marking."""
        title = slugify(self.plan.title)[:80].strip("-") or f"plan-{self.plan.pk}"
        return f"{title}-pack-as-at-{self.day:%Y-%m-%d}-{slugify(self.marking)}"


def _exceptions(user, plan: Plan, day: date, cycles, by_role=False) -> list[ExceptionRow]:
    """Off track, overdue and stale actions with the narrative of their latest update;
    with `by_role`, the lead is the lead team (or "Lead officer"), never a person's name."""
    latest = ProgressUpdate.objects.filter(
        action=OuterRef("pk"), created_at__lt=end_of_day(day)
    ).order_by("-created_at", "-pk")
    actions = list(
        as_at(actions_in_scope(user, plan), day, cycles)
        .filter(Q(ov=True) | Q(stl=True) | Q(eff=Status.OFF_TRACK))
        .annotate(
            narrative_then=Subquery(latest.values("narrative")[:1]),
            narrative_at=Subquery(latest.values("created_at")[:1]),
        )
        .select_related("priority", "lead_team")
        .order_by("priority__number", "order")
    )
    attach_leads(actions)
    return [
        ExceptionRow(
            plan_id=plan.pk,
            action_id=action.pk,
            reference=action.reference,
            title=action.title,
            priority=str(action.priority),
            declared_status=action.st,
            effective_status=action.eff,
            target_date=action.tg,
            overdue=action.ov,
            stale=action.stl,
            lead=_lead(action, by_role),
            narrative=action.narrative_then or "",
            narrative_at=action.narrative_at,
            days_overdue=(day - action.tg).days if action.ov and action.tg else 0,
        )
        for action in actions
    ]


def _lead(action, by_role: bool) -> str:
    if not by_role:
        return action.lead_display
    return action.lead_team.name if action.lead_team_id else "Lead officer"


def _recommendations(user, plan: Plan) -> list[RecommendationRow]:
    rows = (
        with_derived_status(recommendations_in_scope(user, plan))
        .select_related("inspection")
        .order_by("inspection__start_date", "inspection__pk", "sort_key", "reference")
    )
    return [
        RecommendationRow(
            inspection=r.inspection.title,
            reference=r.reference,
            text=r.text,
            response=r.get_response_display() if r.response else "",
            response_text=r.response_text,
            response_date=r.response_date,
            status=r.derived_status,
            status_label=DerivedStatus(r.derived_status).label,
            tag_status=TAG_STATUS[r.derived_status],
            actions=r.open_actions,
        )
        for r in rows
    ]


def report_pack(
    user,
    *,
    plan: Plan,
    day: date,
    audience: str = Audience.PUBLICATION,
    meeting: str = "",
    agenda_item: str = "",
    since: date | None = None,
    by_role: bool = False,
    cover_note: str = "",
) -> ReportPack:
    """Everything the committee pack for `audience` shows for `plan` as at the end of `day`.

    A meeting's pack gives `since` (the body's last meeting, or the plan's start): it adds
    what changed since then (reports/meeting.py). `by_role`: staff named by their role.
    PermissionDenied if `user` may not make a pack for that audience.
    """
    user = reader_for(user, audience)
    _, cycles = plan_choices(user)
    actions = actions_in_scope(user, plan)
    breakdown = status_breakdown(
        actions,
        day=day,
        since=since or day,
        cycles=cycles,
        plan=plan,
        priorities=list(plan.priorities.order_by("number")),
    )
    recommendations = _recommendations(user, plan)
    # The response counts come from the same rows, so they always agree with the table.
    responses = _response_figures(recommendations)
    return ReportPack(
        plan=plan,
        day=day,
        generated_at=timezone.localtime(),
        is_today=day >= today(),
        breakdown=breakdown,
        exceptions=_exceptions(user, plan, day, cycles, by_role),
        recommendations=recommendations,
        responses=responses,
        journey=inspection_journey(user),
        audience=Audience(audience),
        meeting=meeting.strip(),
        agenda_item=agenda_item.strip(),
        council=settings.COUNCIL_NAME,
        sections=pack_sections(user, plan=plan, day=day, is_today=day >= today()),
        changes=None
        if since is None
        else since_last_meeting(user, plan=plan, since=since, day=day, by_role=by_role),
        cover_note=cover_note.strip(),
    )


def _response_figures(rows: list[RecommendationRow]) -> list[Figure]:
    labels = [label for _, label in Recommendation.Response.choices] + ["No response recorded"]
    counts = dict.fromkeys(labels, 0)
    for row in rows:
        counts[row.response or "No response recorded"] += 1
    total = len(rows)
    return [
        Figure("", label, n, round(100 * n / total) if total else 0) for label, n in counts.items()
    ]
