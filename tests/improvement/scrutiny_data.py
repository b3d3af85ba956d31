"""Data for the dashboard, changes, report pack and confidentiality tests, and the expected
figures worked out independently: by replaying each action's updates and date changes in
Python with the pure rules of improvement/status.py (never by calling the selectors)."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from core import roles
from improvement import status as rules
from improvement.models import Action, ProgressUpdate, TargetDateChange
from improvement.services.actions import (
    action_close,
    action_target_date_change,
    action_verify,
    progress_update_post,
)
from improvement.status import Status
from tests import factories

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2026, 6, 15)
PAST = dt.date(2026, 3, 31)  # a month end, two days after the clocks went forward
SINCE = TODAY - dt.timedelta(days=30)


def at(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def d(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


@dataclass
class World:
    plan: object
    other_plan: object
    priorities: list
    lead: object
    manager: object
    scrutiny: object
    auditor: object
    actions: dict = field(default_factory=dict)
    secret_action: object = None
    inspection: object = None
    secret_inspection: object = None


def build_world() -> World:
    """Two plans (30- and 14-day update cycles), thirteen public actions with histories
    chosen to cross every rule at TODAY and at PAST, and one confidential-only action."""
    lead = factories.UserFactory(full_name="Lena Lead", roles=[roles.OFFICER])
    manager = factories.UserFactory(full_name="Mo Manager", roles=[roles.PLAN_MANAGER])
    scrutiny = factories.UserFactory(full_name="Cllr Sue Scrutiny", roles=[roles.SCRUTINY])
    auditor = factories.UserFactory(full_name="Al Auditor", roles=[roles.AUDITOR])
    inspection = factories.InspectionFactory(title="Public inspection")
    secret_inspection = factories.InspectionFactory(
        title="Unpublished monitoring visit", is_confidential=True
    )
    public_rec = factories.RecommendationFactory(inspection=inspection)
    secret_rec = factories.RecommendationFactory(inspection=secret_inspection)
    plan = factories.PlanFactory(title="Main plan", update_cycle_days=30)
    plan.inspections.add(inspection)
    other = factories.PlanFactory(title="Partnership plan", update_cycle_days=14)
    p1 = factories.PriorityFactory(plan=plan, number=1, title="Front door")
    p2 = factories.PriorityFactory(plan=plan, number=2, title="Children in care")
    p3 = factories.PriorityFactory(plan=other, number=1, title="Partnership")
    world = World(plan, other, [p1, p2, p3], lead, manager, scrutiny, auditor)
    world.inspection, world.secret_inspection = inspection, secret_inspection

    def action(key, priority, target, created=None, recs=(public_rec,)):
        made = factories.ActionFactory(
            priority=priority,
            original_target_date=target,
            target_date=target,
            leads=[lead],
            recommendations=list(recs),
            **({"created_at": at(created)} if created else {}),
        )
        world.actions[key] = made
        return made

    def post(made, day, state, hour=12, minute=0):
        progress_update_post(
            action=made,
            author=lead,
            narrative=f"{made.description}: {state} on {day}",
            status=state,
            at=at(day, hour, minute),
        )

    def move(made, day, new_date):
        action_target_date_change(
            action=made, new_date=new_date, reason="Slipped", changed_by=manager, at=at(day)
        )

    a = action("a1", p1, d(9, 30))
    post(a, d(2, 10), Status.ON_TRACK)
    post(a, d(4, 20), Status.OFF_TRACK)
    a = action("a2", p1, d(3, 15))  # overdue at PAST, moved and at risk by TODAY
    post(a, d(2, 1), Status.ON_TRACK)
    move(a, d(4, 10), d(7, 31))
    post(a, d(6, 1), Status.AT_RISK)
    a = action("a3", p1, d(5, 31))  # completed within the last 30 days
    post(a, d(3, 1), Status.ON_TRACK)
    post(a, d(5, 20), Status.COMPLETE)
    action("a4", p2, d(12, 31))  # never updated: stale at both dates
    a = action("a5", p2, d(4, 30))  # at risk at PAST, overdue (off track) by TODAY
    post(a, d(3, 20), Status.AT_RISK)
    a = action("a6", p2, d(10, 1), created=d(4, 15))  # did not exist at PAST
    post(a, d(5, 1), Status.ON_TRACK)
    a = action("a7", p2, d(4, 1))  # verified before PAST
    post(a, d(2, 15), Status.COMPLETE)
    action_verify(action=a, verifier=manager, note="Checked", at=at(d(3, 10)))
    a = action("a8", p3, d(6, 1))  # 14-day cycle: overdue but fresh today
    post(a, d(6, 10), Status.ON_TRACK)
    a = action("a9", p3, d(9, 1))  # closed in June
    post(a, d(5, 5), Status.ON_TRACK)
    action_close(action=a, closed_by=manager, reason="Merged into 1.1", at=at(d(6, 1)))
    a = action("a10", p1, d(2, 28))  # date moved twice; overdue at PAST with no update
    move(a, d(3, 1), d(3, 20))
    move(a, d(5, 1), d(8, 31))
    post(a, d(6, 14), Status.AT_RISK)
    a = action("a11", p1, d(12, 1))  # an update late on PAST (British Summer Time) counts
    post(a, d(3, 31), Status.OFF_TRACK, hour=23, minute=30)
    a = action("a12", p1, d(12, 1))  # one just after midnight does not
    post(a, d(4, 1), Status.OFF_TRACK, hour=0, minute=30)
    a = action("a13", p2, d(7, 1))  # completed and verified within the last 30 days
    post(a, d(5, 25), Status.COMPLETE)
    action_verify(action=a, verifier=manager, note="Evidence seen", at=at(d(6, 5)))
    secret = action("secret", p1, d(3, 1), recs=(secret_rec,))
    post(secret, d(6, 2), Status.OFF_TRACK)
    world.secret_action = world.actions.pop("secret")
    return world


# The independent replay ---------------------------------------------------------------


def visible_to_scrutiny(action: Action) -> bool:
    """Python form of section 5: hidden when every source recommendation is confidential."""
    sources = [r.inspection.is_confidential for r in action.recommendations.all()]
    return not sources or not all(sources)


@dataclass(frozen=True)
class Replayed:
    exists: bool
    status: str
    target: dt.date | None
    overdue: bool
    stale: bool
    effective: str


def replay(action: Action, day: dt.date) -> Replayed:
    """The action as it stood at the end of `day`, from its append-only records."""
    moment = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=LONDON)
    updates = sorted(
        (u for u in ProgressUpdate.objects.filter(action=action) if u.created_at < moment),
        key=lambda u: (u.created_at, u.pk),
    )
    changes = sorted(
        (c for c in TargetDateChange.objects.filter(action=action) if c.changed_at < moment),
        key=lambda c: (c.changed_at, c.pk),
    )
    state = updates[-1].status if updates else Status.NOT_STARTED
    target = changes[-1].new_date if changes else action.original_target_date
    overdue = rules.is_overdue(target, state, day)
    last = updates[-1].created_at if updates else action.created_at
    stale = rules.is_stale(last, action.priority.plan.update_cycle_days, state, day)
    return Replayed(
        action.created_at < moment,
        state,
        target,
        overdue,
        stale,
        rules.effective_status(state, overdue),
    )


def now_state(action: Action, day: dt.date) -> Replayed:
    """Today's figures come from the action's own (cached) fields and the model's rules."""
    action.refresh_from_db()
    return Replayed(
        True,
        action.declared_status,
        action.target_date,
        action.is_overdue(day),
        action.is_stale(day),
        action.effective_status(day),
    )


def expected(actions, day: dt.date, *, today: bool, key=lambda a: a.priority_id):
    """{group: Counter of effective status, plus 'overdue' and 'stale'} and the total."""
    groups: dict = {}
    total = Counter()
    for action in actions:
        state = now_state(action, day) if today else replay(action, day)
        if not state.exists:
            continue
        for counter in (groups.setdefault(key(action), Counter()), total):
            counter[state.effective] += 1
            counter["overdue"] += state.overdue
            counter["stale"] += state.stale
    return groups, total


def visible(world: World) -> list[Action]:
    return [a for a in Action.objects.all() if visible_to_scrutiny(a)]
