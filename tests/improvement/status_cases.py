"""Boundary cases of the status rules for test_status_agreement: actions built through
the services, and what status.py says of each at the end of its day."""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from core import roles
from core.clock import end_of_day
from improvement import status as rules
from improvement.models import Action
from improvement.services.actions import (
    action_close,
    action_target_date_change,
    action_verify,
    progress_update_post,
)
from improvement.status import Status
from tests import factories

LONDON = ZoneInfo("Europe/London")
CYCLE = 30
ON = dt.date(2026, 6, 15)
BST_DAY = dt.date(2026, 5, 1)  # one cycle after 1 April, across the change on 29 March
CHANGE_DAY = dt.date(2026, 3, 29)  # clocks went forward at 01:00 GMT
LATER = dt.date(2027, 1, 31)  # "today" for the as-at runs: after every case's records
CONTRADICTION_KEYS = ("on_track_but_overdue", "complete_without_evidence", "date_moved_repeatedly")


def london(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def utc(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


def days(n: int, on: dt.date = ON) -> dt.date:
    return on + dt.timedelta(days=n)


@dataclass(frozen=True)
class Verdict:
    """What an implementation says; None where it does not say."""

    effective: str | None
    overdue: bool | None
    stale: bool | None


@dataclass(frozen=True)
class Case:
    name: str
    on: dt.date
    target: dt.date
    # (moment, what, value): "post" a status, "evidence" (post with a link), "verify",
    # "close", or "move" the target date to value.
    records: tuple = ()
    expect: Verdict = None
    contradictions: frozenset = field(default_factory=frozenset)
    created: dt.datetime | None = None

    @property
    def current(self) -> bool:
        """Every record made by the end of `on`, so today's columns are the day's values."""
        return all(at < end_of_day(self.on) for at, _, _ in self.records)


OT, AR, CO = Status.ON_TRACK, Status.AT_RISK, Status.COMPLETE
CASES = [
    Case("due today", ON, ON, ((london(ON), "post", OT),), Verdict(OT, False, False)),
    Case(
        "due yesterday",
        ON,
        days(-1),
        ((london(ON, 9), "post", OT),),
        Verdict(Status.OFF_TRACK, True, False),
        frozenset({"on_track_but_overdue"}),
    ),
    Case(
        "due yesterday, at risk",
        ON,
        days(-1),
        ((london(days(-3)), "post", AR),),
        Verdict(Status.OFF_TRACK, True, False),
    ),
    Case(
        "update exactly one cycle ago",
        ON,
        days(60),
        ((london(days(-CYCLE), 0, 1), "post", OT),),
        Verdict(OT, False, False),
    ),
    Case(
        "update one cycle and a day ago",
        ON,
        days(60),
        ((london(days(-CYCLE - 1), 23, 59), "post", AR),),
        Verdict(AR, False, True),
    ),
    Case("never updated", ON, days(60), (), Verdict(Status.NOT_STARTED, False, True)),
    Case(
        "never updated, created exactly one cycle ago",
        ON,
        days(60),
        (),
        Verdict(Status.NOT_STARTED, False, False),
        created=london(days(-CYCLE), 0, 1),
    ),
    Case(
        "overdue and stale",
        ON,
        days(-10),
        ((london(days(-100)), "post", OT),),
        Verdict(Status.OFF_TRACK, True, True),
        frozenset({"on_track_but_overdue"}),
    ),
    Case(
        "complete, past its date",
        ON,
        days(-1),
        ((london(days(-90)), "post", CO),),
        Verdict(CO, False, False),
        frozenset({"complete_without_evidence"}),
    ),
    Case(
        "complete with evidence",
        ON,
        days(10),
        ((london(days(-5)), "evidence", CO),),
        Verdict(CO, False, False),
    ),
    Case(
        "verified, past its date",
        ON,
        days(-1),
        ((london(days(-90)), "post", CO), (london(days(-80)), "verify", None)),
        Verdict(Status.VERIFIED, False, False),
        frozenset({"complete_without_evidence"}),
    ),
    Case(
        "closed, past its date",
        ON,
        days(-1),
        ((london(days(-90)), "post", OT), (london(days(-80)), "close", None)),
        Verdict(Status.CLOSED, False, False),
    ),
    Case(
        "target moved twice, now overdue",
        ON,
        days(5),
        (
            (london(days(-20)), "move", days(30)),
            (london(days(-10)), "move", days(-1)),
            (london(days(-2)), "post", OT),
        ),
        Verdict(Status.OFF_TRACK, True, False),
        frozenset({"on_track_but_overdue", "date_moved_repeatedly"}),
    ),
    Case(
        "update one cycle ago across the clock change",  # 00:30 on 1 April, summer time
        BST_DAY,
        days(60, BST_DAY),
        ((utc(dt.date(2026, 3, 31), 23, 30), "post", OT),),
        Verdict(OT, False, False),
    ),
    Case(
        "update an hour earlier, across the clock change",  # 23:30 on 31 March
        BST_DAY,
        days(60, BST_DAY),
        ((utc(dt.date(2026, 3, 31), 22, 30), "post", OT),),
        Verdict(OT, False, True),
    ),
    Case(
        "update at 23:30 on the day the clocks change counts that day",
        CHANGE_DAY,
        dt.date(2026, 3, 20),
        ((london(dt.date(2026, 3, 1)), "post", OT), (utc(CHANGE_DAY, 22, 30), "post", CO)),
        Verdict(CO, False, False),
        frozenset({"complete_without_evidence"}),
    ),
    Case(
        "update at 00:30 the day after the clocks change counts the next day",
        CHANGE_DAY,
        dt.date(2026, 3, 20),
        ((london(dt.date(2026, 3, 1)), "post", OT), (utc(CHANGE_DAY, 23, 30), "post", CO)),
        Verdict(Status.OFF_TRACK, True, False),
    ),
    Case(
        "date moved at 00:30 the day after the clocks change counts the next day",
        CHANGE_DAY,
        dt.date(2026, 3, 25),
        ((london(dt.date(2026, 3, 10)), "post", AR), (utc(CHANGE_DAY, 23, 30), "move", ON)),
        Verdict(Status.OFF_TRACK, True, False),
    ),
]


@dataclass
class World:
    case: Case
    action: Action
    plan: object
    manager: object
    lead: object


def build(case: Case) -> World:
    manager = factories.UserFactory(roles=[roles.PLAN_MANAGER])
    lead = factories.UserFactory(roles=[roles.OFFICER])
    auditor = factories.UserFactory(roles=[roles.AUDITOR])
    priority = factories.PriorityFactory(plan__update_cycle_days=CYCLE)
    action = factories.ActionFactory(
        priority=priority,
        original_target_date=case.target,
        leads=[lead],
        created_at=case.created or london(days(-200, case.on)),
    )
    for at, what, value in case.records:
        if what in ("post", "evidence"):
            links = ["https://example.org/evidence"] if what == "evidence" else []
            progress_update_post(
                action=action, author=lead, narrative="n", status=value, links=links, at=at
            )
        elif what == "verify":
            action_verify(action=action, verifier=auditor, note="Checked", at=at)
        elif what == "close":
            action_close(action=action, closed_by=manager, reason="Withdrawn", at=at)
        else:
            action_target_date_change(
                action=action, new_date=value, reason="r", changed_by=manager, at=at
            )
    action = Action.objects.select_related("priority__plan").get(pk=action.pk)
    return World(case, action, priority.plan, manager, lead)


def status_py(case: Case, created: dt.datetime) -> Verdict:
    """status.py over the values in force at the end of the case's day."""
    moment = end_of_day(case.on)
    status, target, activity = Status.NOT_STARTED, case.target, created
    for at, what, value in sorted(case.records, key=lambda record: record[0]):
        if at >= moment:
            continue
        if what == "move":
            target = value
        else:
            status = {"verify": Status.VERIFIED, "close": Status.CLOSED}.get(what, value)
            activity = at
    overdue = rules.is_overdue(target, status, case.on)
    stale = rules.is_stale(activity, CYCLE, status, case.on)
    return Verdict(rules.effective_status(status, overdue), overdue, stale)
