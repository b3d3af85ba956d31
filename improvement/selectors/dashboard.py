"""What the dashboard shows, as at a date, for one plan or across plans.

Every figure comes from aggregate (GROUP BY) queries; lists are limited; the twelve-month
trend is one query. A dashboard therefore runs the same number of queries for 40 actions
as for 100,000. Everything is scoped by the `visible_to(user)` querysets, so a scrutiny
member's figures never include confidential-only actions, recommendations or inspections.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from core.clock import end_of_day, start_of_day
from core.roles import can_read_confidential
from improvement import snapshots
from improvement.models import Action, Plan, Priority, ProgressUpdate, TargetDateChange
from improvement.selectors.actions import with_status_as_at
from improvement.status import DASHBOARD_ORDER, DONE, OPEN, Status, today
from inspections.models import Inspection, Judgement
from recommendations.models import Recommendation
from recommendations.status import TAG_STATUS, DerivedStatus, with_derived_status

LIST_LIMIT = 10
TREND_MONTHS = 12
# Where the drill-down lists live if their URL names are not yet registered.
FALLBACK_PATHS = {"action_list": "/actions/", "recommendation_list": "/recommendations/"}


def list_url(name: str, **params) -> str:
    """The filtered list behind a figure, as a shareable URL."""
    try:
        path = reverse(name)
    except NoReverseMatch:
        path = FALLBACK_PATHS[name]
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{path}?{query}" if query else path


# Scope ---------------------------------------------------------------------------------


def _plan_visible_q(user) -> Q | None:
    """Who may read a plan: a plan answering only confidential inspections, with no action
    the user may read, is hidden. None means every plan."""
    if can_read_confidential(user):
        return None
    links = Plan.inspections.through.objects.filter(plan=OuterRef("pk"))
    return (
        ~Q(Exists(links.filter(inspection__is_confidential=True)))
        | Q(Exists(links.filter(inspection__is_confidential=False)))
        | Q(Exists(Action.objects.visible_to(user).filter(priority__plan=OuterRef("pk"))))
    )


def plans_visible_to(user) -> QuerySet[Plan]:
    visible = _plan_visible_q(user)
    return Plan.objects.all() if visible is None else Plan.objects.filter(visible)


def actions_in_scope(user, plan: Plan | None = None) -> QuerySet[Action]:
    actions = Action.objects.visible_to(user)
    return actions.filter(priority__plan=plan) if plan else actions


def recommendations_in_scope(user, plan: Plan | None = None) -> QuerySet[Recommendation]:
    """Recommendations the plan answers: from its inspections or addressed by its actions."""
    recommendations = Recommendation.objects.visible_to(user)
    if plan is None:
        return recommendations
    from_inspections = Plan.inspections.through.objects.filter(plan=plan).values("inspection_id")
    addressed = Action.recommendations.through.objects.filter(action__priority__plan=plan).values(
        "recommendation_id"
    )
    return recommendations.filter(Q(inspection_id__in=from_inspections) | Q(pk__in=addressed))


# Status as at a day, with the same names whichever day ------------------------------


def as_at(actions: QuerySet[Action], day: date, cycles) -> QuerySet[Action]:
    """Annotate `st` (declared status), `tg` (target date), `last` (last activity), and the
    flags `ov` (overdue), `stl` (stale) and `eff` (status counting overdue as off track),
    as they stood at the end of `day`.

    For today the action's own columns are read (they are what the action list filters
    on); for a past day the append-only updates and date changes are replayed.
    """
    if day >= today():
        annotated = actions.annotate(
            st=F("declared_status"),
            tg=F("target_date"),
            last=Coalesce("last_update_at", "created_at"),
        )
    else:
        annotated = with_status_as_at(actions, day).annotate(
            st=F("status_then"),
            tg=F("target_then"),
            last=Coalesce("last_update_then", "created_at", output_field=DateTimeField()),
        )
    done = [str(status) for status in DONE]
    overdue = Q(tg__lt=day) & ~Q(st__in=done)
    stale = Q(pk__in=[])
    for cycle in sorted(set(cycles)):
        cutoff = start_of_day(day - timedelta(days=cycle))
        stale |= Q(priority__plan__update_cycle_days=cycle, last__lt=cutoff)
    stale &= ~Q(st__in=done)
    return annotated.annotate(
        ov=Case(When(overdue, then=True), default=False, output_field=BooleanField()),
        stl=Case(When(stale, then=True), default=False, output_field=BooleanField()),
        eff=Case(
            When(overdue, then=Value(Status.OFF_TRACK)), default=F("st"), output_field=CharField()
        ),
    )


def declared_between(statuses, start: date, end: date) -> QuerySet:
    """Ids of actions with an update declaring one of `statuses` after `start` and by the end
    of `end`: a range read on the updates' (status, created_at) index, used as an IN list
    rather than tested action by action."""
    return ProgressUpdate.objects.filter(
        status__in=statuses, created_at__gte=end_of_day(start), created_at__lt=end_of_day(end)
    ).values("action_id")


# Figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One number on the dashboard, with the list behind it."""

    status: str
    label: str
    count: int
    share: int
    url: str


@dataclass
class StatusRow:
    """Counts by effective status for one priority, one plan, or everything."""

    label: str
    params: dict
    counts: dict = field(default_factory=lambda: dict.fromkeys(Status.values, 0))
    overdue: int = 0
    stale: int = 0
    completed: int = 0
    verified: int = 0
    number: int | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, status: str) -> int:
        return round(100 * self.counts[status] / self.total) if self.total else 0

    @property
    def figures(self) -> list[Figure]:
        return [
            Figure(
                status,
                Status(status).label,
                self.counts[status],
                self.share(status),
                list_url("action_list", status=status, **self.params),
            )
            for status in DASHBOARD_ORDER
        ]

    @property
    def url(self) -> str:
        return list_url("action_list", **self.params)

    @property
    def overdue_url(self) -> str:
        return list_url("action_list", overdue=1, **self.params)

    @property
    def stale_url(self) -> str:
        return list_url("action_list", stale=1, **self.params)

    @property
    def done_share(self) -> int:
        done = self.counts[Status.COMPLETE] + self.counts[Status.VERIFIED]
        return round(100 * done / self.total) if self.total else 0

    def add(self, other: "StatusRow") -> None:
        for status, count in other.counts.items():
            self.counts[status] += count
        self.overdue += other.overdue
        self.stale += other.stale
        self.completed += other.completed
        self.verified += other.verified


@dataclass
class StatusBreakdown:
    rows: list[StatusRow]
    total: StatusRow
    by: str  # "priority" or "plan"

    @property
    def statuses_present(self) -> list[tuple[str, str]]:
        return [(s, Status(s).label) for s in DASHBOARD_ORDER if self.total.counts[s]]


def status_breakdown(
    actions: QuerySet[Action],
    *,
    day: date,
    since: date,
    cycles,
    plan: Plan | None = None,
    priorities: list[Priority] | None = None,
    plans: list[Plan] | None = None,
) -> StatusBreakdown:
    """Counts by effective status per priority (for a plan) or per plan, and in total.

    One GROUP BY query on plain columns and flags (declared status, overdue), so PostgreSQL
    hashes a few hundred groups; the effective status (overdue counts as off track) is
    worked out here from each group's flags.
    """
    by_priority = plan is not None
    group = "priority_id" if by_priority else "priority__plan_id"
    grouped = (
        as_at(actions, day, cycles)
        .order_by()
        .values(group, "st", "ov")
        .annotate(
            n=Count("pk"),
            n_stale=Count("pk", filter=Q(stl=True)),
            n_completed=Count(
                "pk", filter=Q(pk__in=declared_between([Status.COMPLETE], since, day))
            ),
            n_verified=Count(
                "pk", filter=Q(pk__in=declared_between([Status.VERIFIED], since, day))
            ),
        )
    )
    rows: dict[int, StatusRow] = {}
    if by_priority:
        for priority in priorities or []:
            rows[priority.pk] = StatusRow(
                f"{priority.number}. {priority.title}",
                {"plan": plan.pk, "priority": priority.pk},
                number=priority.number,
            )
    else:
        for each in plans or []:
            rows[each.pk] = StatusRow(each.title, {"plan": each.pk})
    total = StatusRow(
        "All actions" if by_priority else "All plans", {"plan": plan.pk} if plan else {}
    )
    for row in grouped:
        target = rows.get(row[group])
        if target is None:  # a group the caller did not list (should not happen)
            continue
        target.counts[Status.OFF_TRACK if row["ov"] else row["st"]] += row["n"]
        target.overdue += row["n"] if row["ov"] else 0
        target.stale += row["n_stale"]
        target.completed += row["n_completed"]
        target.verified += row["n_verified"]
    for row in rows.values():
        total.add(row)
    listed = [row for row in rows.values() if row.total or by_priority]
    return StatusBreakdown(listed, total, "priority" if by_priority else "plan")


# Lists ---------------------------------------------------------------------------------


@dataclass
class ActionList:
    actions: list
    total: int
    url: str

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


def _listed(queryset: QuerySet[Action], limit: int = LIST_LIMIT) -> list[Action]:
    actions = list(queryset.select_related("priority__plan", "lead_team")[:limit])
    for action in actions:
        # What the row shows as it stood on the day (the annotations), not as it is now.
        action.st_label = Status(getattr(action, "st", action.declared_status)).label
        action.updated_then = getattr(action, "last_update_then", action.last_update_at)
    return actions


def completed_since(actions: QuerySet[Action], *, day: date, since: date) -> list[Action]:
    """Actions declared complete or verified after `since`, latest first."""
    window = ProgressUpdate.objects.filter(
        action=OuterRef("pk"),
        status__in=[Status.COMPLETE, Status.VERIFIED],
        created_at__gte=end_of_day(since),
        created_at__lt=end_of_day(day),
    ).order_by("-created_at", "-pk")
    done = [Status.COMPLETE, Status.VERIFIED]
    return _listed(
        actions.filter(pk__in=declared_between(done, since, day))
        .annotate(
            done_at=Subquery(window.values("created_at")[:1]),
            done_status=Subquery(window.values("status")[:1]),
        )
        .order_by("-done_at", "pk")
    )


# Trend ---------------------------------------------------------------------------------


def month_ends(day: date, count: int = TREND_MONTHS) -> list[date]:
    """The last `count` month ends on or before `day`, oldest first."""
    year, month = day.year, day.month
    if calendar.monthrange(year, month)[1] != day.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    ends = []
    for _ in range(count):
        ends.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ends[::-1]


@dataclass(frozen=True)
class TrendPoint:
    day: date
    counts: dict

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Replay:
    """SQL replaying the append-only records: `scope` is a WITH clause naming the actions in
    scope; `rows` selects one row per action with `id`, `created`, and for each day i its
    declared status `s{i}` and whether its target date had passed `l{i}` (1 or 0), as they
    stood at the end of the day. Put together as: WITH {scope} SELECT ... FROM ({rows}) r,
    with the params in the same order."""

    scope: str
    scope_params: list
    rows: str
    rows_params: list
    moments: list  # the end of each day, adapted for the database

    def effective(self, i: int) -> tuple[str, list]:
        """The effective status on day i, as SQL: overdue counts as off track."""
        done = [str(status) for status in DONE]
        return (
            f"CASE WHEN l{i} = 1 AND s{i} NOT IN (%s, %s, %s) THEN %s ELSE s{i} END",
            [*done, Status.OFF_TRACK],
        )


def replay(actions: QuerySet[Action], days: list[date]) -> Replay:
    """One pass over the updates (and one over the date changes) made before the last day:
    a window function gives each record the time the next one replaced it, so the record in
    force at each day's end is picked by a GROUP BY per action rather than by a correlated
    subquery per action and day. Plain SQL that SQLite and PostgreSQL both run."""
    connection = connections[actions.db]
    ops = connection.ops
    moments = [ops.adapt_datetimefield_value(end_of_day(day)) for day in days]
    dates = [ops.adapt_datefield_value(day) for day in days]
    scope_sql, scope_params = (
        actions.order_by()
        .values(a_id=F("pk"), a_created=F("created_at"), a_target=F("original_target_date"))
        .query.sql_with_params()
    )
    bounds = [value for moment in moments for value in (moment, moment)]

    def in_force(table: str, value: str, time: str) -> str:
        picks = ", ".join(
            f"MAX(CASE WHEN r.{time} < %s AND (r.next_at IS NULL OR r.next_at >= %s) "
            f"THEN r.{value} END) AS v{i}"
            for i in range(len(days))
        )
        return (
            f"SELECT r.action_id, {picks} FROM (SELECT x.action_id, x.{value}, x.{time}, "  # noqa: S608
            f"LEAD(x.{time}) OVER (PARTITION BY x.action_id ORDER BY x.{time}, x.id) AS next_at "
            f"FROM {ops.quote_name(table)} x WHERE x.{time} < %s "
            f"AND x.action_id IN (SELECT a_id FROM scope)) r GROUP BY r.action_id"
        )

    statuses = ", ".join(f"COALESCE(st.v{i}, %s) AS s{i}" for i in range(len(days)))
    lates = ", ".join(
        f"CASE WHEN COALESCE(tg.v{i}, a.a_target) < %s THEN 1 ELSE 0 END AS l{i}"
        for i in range(len(days))
    )
    rows = (
        f"SELECT a.a_id AS id, a.a_created AS created, {statuses}, {lates} FROM scope a "  # noqa: S608
        f"LEFT JOIN ({in_force(ProgressUpdate._meta.db_table, 'status', 'created_at')}) st "
        f"ON st.action_id = a.a_id "
        f"LEFT JOIN ({in_force(TargetDateChange._meta.db_table, 'new_date', 'changed_at')}) tg "
        f"ON tg.action_id = a.a_id"
    )
    rows_params = [
        *[Status.NOT_STARTED] * len(days),
        *dates,
        *bounds,
        moments[-1],
        *bounds,
        moments[-1],
    ]
    return Replay(f"scope AS ({scope_sql})", list(scope_params), rows, rows_params, moments)


def trend(actions: QuerySet[Action], days: list[date]) -> list[TrendPoint]:
    """Counts by effective status at the end of each of `days`, in one query."""
    if not days:
        return []
    replayed = replay(actions, days)
    sums, sum_params = [], []
    for i, moment in enumerate(replayed.moments):
        effective, effective_params = replayed.effective(i)
        for status in Status.values:
            sums.append(f"SUM(CASE WHEN created < %s AND {effective} = %s THEN 1 ELSE 0 END)")
            sum_params += [moment, *effective_params, status]
    sql = (  # only generated names are written in; every value is a parameter
        f"WITH {replayed.scope} SELECT {', '.join(sums)} FROM ({replayed.rows}) r"  # noqa: S608
    )
    with connections[actions.db].cursor() as cursor:
        cursor.execute(sql, [*replayed.scope_params, *sum_params, *replayed.rows_params])
        totals = cursor.fetchone()
    points = []
    width = len(Status.values)
    for i, day in enumerate(days):
        chunk = totals[i * width : (i + 1) * width]
        points.append(
            TrendPoint(day, {s: int(n or 0) for s, n in zip(Status.values, chunk, strict=True)})
        )
    return points


# Recommendations -----------------------------------------------------------------------


@dataclass
class InspectionRecommendations:
    inspection_id: int
    title: str
    start_date: date
    counts: dict = field(default_factory=lambda: dict.fromkeys(DerivedStatus.values, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def figures(self) -> list[Figure]:
        return [
            Figure(
                TAG_STATUS[status],
                DerivedStatus(status).label,
                self.counts[status],
                round(100 * self.counts[status] / self.total) if self.total else 0,
                list_url("recommendation_list", inspection=self.inspection_id, status=status),
            )
            for status in DerivedStatus.values
        ]

    @property
    def url(self) -> str:
        return list_url("recommendation_list", inspection=self.inspection_id)


@dataclass
class RecommendationSummary:
    by_inspection: list[InspectionRecommendations]
    responses: list[Figure]
    total: int
    statuses: list[tuple[str, str]]

    @property
    def status_totals(self) -> list[Figure]:
        totals = dict.fromkeys(DerivedStatus.values, 0)
        for row in self.by_inspection:
            for status, count in row.counts.items():
                totals[status] += count
        return [
            Figure(
                TAG_STATUS[s],
                DerivedStatus(s).label,
                totals[s],
                round(100 * totals[s] / self.total) if self.total else 0,
                list_url("recommendation_list", status=s),
            )
            for s in DerivedStatus.values
        ]


NO_RESPONSE = "none"


def recommendation_summary(recommendations: QuerySet[Recommendation]) -> RecommendationSummary:
    """Recommendations by source inspection and derived status, and by response: one query."""
    grouped = (
        with_derived_status(recommendations)
        .order_by()
        .values(
            "inspection_id",
            "inspection__title",
            "inspection__start_date",
            "derived_status",
            "response",
        )
        .annotate(n=Count("pk"))
    )
    by_inspection: dict[int, InspectionRecommendations] = {}
    responses = dict.fromkeys([*Recommendation.Response.values, NO_RESPONSE], 0)
    total = 0
    for row in grouped:
        entry = by_inspection.setdefault(
            row["inspection_id"],
            InspectionRecommendations(
                row["inspection_id"], row["inspection__title"], row["inspection__start_date"]
            ),
        )
        entry.counts[row["derived_status"]] += row["n"]
        responses[row["response"] or NO_RESPONSE] += row["n"]
        total += row["n"]
    labels = {**dict(Recommendation.Response.choices), NO_RESPONSE: "No response recorded"}
    response_figures = [
        Figure(
            key,
            labels[key],
            count,
            round(100 * count / total) if total else 0,
            list_url("recommendation_list", response=key),
        )
        for key, count in responses.items()
    ]
    ordered = sorted(by_inspection.values(), key=lambda r: (r.start_date, r.title))
    return RecommendationSummary(
        ordered, response_figures, total, [(s, DerivedStatus(s).label) for s in DerivedStatus]
    )


# Inspection journey -------------------------------------------------------------------


GRADE_STATUS = {  # the RAG colour class each grade borrows; the words are always shown
    Judgement.Grade.OUTSTANDING: Status.VERIFIED,
    Judgement.Grade.GOOD: Status.ON_TRACK,
    Judgement.Grade.REQUIRES_IMPROVEMENT: Status.AT_RISK,
    Judgement.Grade.INADEQUATE: Status.OFF_TRACK,
}
GRADE_SHORT = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}


@dataclass(frozen=True)
class JourneyCell:
    grade: int | None

    @property
    def label(self) -> str:
        return Judgement.Grade(self.grade).label if self.grade else ""

    @property
    def short(self) -> str:
        return GRADE_SHORT.get(self.grade, "")

    @property
    def status(self) -> str:
        return GRADE_STATUS.get(self.grade, "")


@dataclass
class JourneyRow:
    area: str
    cells: list[JourneyCell]


@dataclass
class Journey:
    inspections: list[Inspection]
    rows: list[JourneyRow]


def inspection_journey(user) -> Journey:
    """Every judgement grade by area, inspection by inspection, oldest first: one query."""
    judgements = (
        Judgement.objects.filter(inspection__in=Inspection.objects.visible_to(user))
        .select_related("inspection", "area")
        .order_by("inspection__start_date", "inspection__pk", "area__order", "area__name")
    )
    inspections: dict[int, Inspection] = {}
    areas: dict[int, tuple] = {}
    grades: dict[tuple[int, int], int] = {}
    for judgement in judgements:
        inspections.setdefault(judgement.inspection_id, judgement.inspection)
        areas.setdefault(judgement.area_id, (judgement.area.order, judgement.area.name))
        grades[(judgement.area_id, judgement.inspection_id)] = judgement.grade
    ordered_areas = sorted(areas.items(), key=lambda item: item[1])
    rows = [
        JourneyRow(name, [JourneyCell(grades.get((area_id, pk))) for pk in inspections])
        for area_id, (_, name) in ordered_areas
    ]
    return Journey(list(inspections.values()), rows)


# The whole dashboard ------------------------------------------------------------------


@dataclass
class Dashboard:
    plan: Plan | None
    plans: list[Plan]
    day: date
    since: date
    is_today: bool
    breakdown: StatusBreakdown
    overdue: ActionList
    stale: ActionList
    completed: list
    trend: list[TrendPoint]
    recommendations: RecommendationSummary
    journey: Journey
    changes: object = None


def plan_choices(user) -> tuple[list[Plan], list[int]]:
    """Visible plans (for the picker) and every plan's update cycle (for the stale rule),
    in one query."""
    visible = _plan_visible_q(user)
    flag = (
        Value(True, output_field=BooleanField())
        if visible is None
        else Case(When(visible, then=True), default=False, output_field=BooleanField())
    )
    plans, cycles = [], set()
    for plan in (
        Plan.objects.order_by("-start_date", "title")
        .only("pk", "title", "status", "update_cycle_days", "start_date")
        .annotate(visible=flag)
    ):
        cycles.add(plan.update_cycle_days)
        if plan.visible:
            plans.append(plan)
    return plans, sorted(cycles)


def cached_trend(user, plan: Plan | None, actions: QuerySet[Action], days: list[date]):
    """The trend, reading stored month-end counts and replaying only days not stored yet."""
    from core.roles import can_read_confidential

    scope = snapshots.scope_key(plan, full_view=can_read_confidential(user))
    counts = snapshots.counts_for(
        scope, days, lambda missing: {p.day: p.counts for p in trend(actions, missing)}
    )
    return [TrendPoint(day, counts[day]) for day in days]


def dashboard(
    user, *, plan: Plan | None, day: date, since: date, changes_since: date | None = None
) -> Dashboard:
    """Everything the dashboard page shows, in a fixed number of queries.

    What changed is worked out only for a date the reader picks (the last meeting, say):
    it replays every update before that date, which a default view should not pay for.
    """
    from improvement.selectors.changes import changes_between

    plans, cycles = plan_choices(user)
    actions = actions_in_scope(user, plan)
    priorities = list(plan.priorities.order_by("number")) if plan else None
    breakdown = status_breakdown(
        actions, day=day, since=since, cycles=cycles, plan=plan, priorities=priorities, plans=plans
    )
    # Only open actions can be overdue or stale; saying so lets PostgreSQL walk the partial
    # indexes on open actions in list order and stop at the tenth.
    flagged = as_at(actions, day, cycles).filter(st__in=OPEN)
    overdue = _listed(flagged.filter(ov=True).order_by("tg", "priority__number", "order"))
    stale = _listed(flagged.filter(stl=True).order_by("last", "pk"))
    completed = completed_since(actions, day=day, since=since)
    attach_leads(overdue + stale + completed)
    params = {"plan": plan.pk} if plan else {}
    return Dashboard(
        plan=plan,
        plans=plans,
        day=day,
        since=since,
        is_today=day >= today(),
        breakdown=breakdown,
        overdue=ActionList(
            overdue, breakdown.total.overdue, list_url("action_list", overdue=1, **params)
        ),
        stale=ActionList(stale, breakdown.total.stale, list_url("action_list", stale=1, **params)),
        completed=completed,
        trend=cached_trend(user, plan, actions, month_ends(day)),
        recommendations=recommendation_summary(recommendations_in_scope(user, plan)),
        journey=inspection_journey(user),
        changes=changes_between(actions, start=changes_since, end=day) if changes_since else None,
    )


@dataclass(frozen=True)
class Headline:
    """The scrutiny member's home page figures: today, all plans."""

    total: StatusRow

    @property
    def figures(self) -> list[Figure]:
        return self.total.figures


def headline(user) -> Headline:
    plans, cycles = plan_choices(user)
    day = today()
    breakdown = status_breakdown(
        actions_in_scope(user), day=day, since=day - timedelta(days=30), cycles=cycles, plans=plans
    )
    return Headline(breakdown.total)
