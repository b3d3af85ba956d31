"""Status rules of DESIGN.md section 4 at their boundaries, in Python and in SQL."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from improvement import status as rules
from improvement.models import Action
from improvement.selectors.actions import (
    plan_statuses_as_at,
    status_counts,
    status_counts_as_at,
    with_flags,
)
from improvement.services.actions import (
    action_target_date_change,
    action_verify,
    progress_update_post,
)
from improvement.status import Status
from tests import factories
from tests.queries import assert_flat_queries

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2026, 6, 15)


def london(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


# Overdue -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "status", "expected"),
    [
        (TODAY, Status.ON_TRACK, False),  # due today is not yet overdue
        (TODAY - dt.timedelta(days=1), Status.ON_TRACK, True),  # due yesterday is
        (TODAY - dt.timedelta(days=1), Status.COMPLETE, False),
        (TODAY - dt.timedelta(days=1), Status.VERIFIED, False),
        (TODAY - dt.timedelta(days=1), Status.CLOSED, False),
        (TODAY - dt.timedelta(days=1), Status.NOT_STARTED, True),
        (None, Status.OFF_TRACK, False),  # no target date, nothing to be late for
    ],
)
def test_overdue_boundaries(target, status, expected):
    assert rules.is_overdue(target, status, TODAY) is expected


def test_overdue_action_counts_as_off_track_whatever_it_declares():
    assert rules.effective_status(Status.ON_TRACK, overdue=True) == Status.OFF_TRACK
    assert rules.effective_status(Status.AT_RISK, overdue=False) == Status.AT_RISK


# Stale ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_update", "expected"),
    [
        (london(TODAY - dt.timedelta(days=30), 0, 1), False),  # exactly one cycle ago
        (london(TODAY - dt.timedelta(days=30), 23, 59), False),
        (london(TODAY - dt.timedelta(days=31), 23, 59), True),  # a day more is stale
        (london(TODAY), False),
    ],
)
def test_stale_boundaries(last_update, expected):
    assert rules.is_stale(last_update, 30, Status.ON_TRACK, TODAY) is expected


def test_finished_work_is_never_stale():
    long_ago = london(TODAY - dt.timedelta(days=400))
    for status in (Status.COMPLETE, Status.VERIFIED, Status.CLOSED):
        assert not rules.is_stale(long_ago, 30, status, TODAY)


def test_stale_counts_london_dates_across_the_clock_change():
    # Clocks went forward on 29 March 2026. 00:30 on 1 March London time is 00:30 UTC;
    # 00:30 on 1 April London time is 23:30 UTC on 31 March. Both are judged by London date.
    on = dt.date(2026, 5, 1)
    update = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)  # 1 April, 00:30 in London
    assert not rules.is_stale(update, 30, Status.ON_TRACK, on)  # exactly 30 days
    assert rules.is_stale(update - dt.timedelta(hours=1), 30, Status.ON_TRACK, on)


# Contradictions and pace ---------------------------------------------------------------


def test_contradictions_are_explained_in_words():
    found = rules.contradictions(
        status=Status.ON_TRACK, overdue=True, has_evidence=False, date_changes=2
    )
    assert found == [
        "Declared on track, but the target date has passed.",
        "The target date has been moved 2 times.",
    ]
    assert rules.contradictions(
        status=Status.COMPLETE, overdue=False, has_evidence=False, date_changes=1
    ) == ["Declared complete, but no evidence has been attached."]
    assert not rules.contradictions(
        status=Status.COMPLETE, overdue=False, has_evidence=True, date_changes=1
    )


def test_pace_more_than_twenty_points_behind_is_behind():
    start, target = dt.date(2026, 1, 1), dt.date(2026, 4, 11)
    halfway = start + (target - start) / 2
    assert rules.pace(29, start, target, halfway).behind  # 50% of time, 29% done
    assert not rules.pace(30, start, target, halfway).behind  # exactly 20 points: not behind
    assert rules.pace(None, start, target, halfway) is None
    assert rules.pace(29, start, target, halfway, Status.CLOSED) is None  # finished: no pace
    assert rules.pace(10, start, target, target + dt.timedelta(days=50)).percent_time_elapsed == 100


# The SQL versions agree with the Python rules ------------------------------------------


@pytest.fixture
def plan_actions(db, fixed_today):
    fixed_today(TODAY)
    priority = factories.PriorityFactory(plan__update_cycle_days=30)
    author = factories.UserFactory()

    def make(target, status, last_update):
        action = factories.ActionFactory(
            priority=priority,
            original_target_date=target,
            created_at=london(TODAY - dt.timedelta(days=200)),
        )
        if last_update:
            progress_update_post(
                action=action, author=author, narrative="n", status=status, at=last_update
            )
        return action

    return [
        make(TODAY, Status.ON_TRACK, london(TODAY - dt.timedelta(days=30))),  # neither
        make(TODAY - dt.timedelta(days=1), Status.ON_TRACK, london(TODAY)),  # overdue
        make(TODAY, Status.AT_RISK, london(TODAY - dt.timedelta(days=31))),  # stale
        make(TODAY - dt.timedelta(days=5), Status.COMPLETE, london(TODAY - dt.timedelta(days=90))),
        make(TODAY + dt.timedelta(days=9), None, None),  # never updated: stale by creation
    ]


def test_sql_flags_match_the_python_rules(plan_actions):
    rows = {a.pk: a for a in with_flags(Action.objects.all())}
    for action in Action.objects.select_related("priority__plan"):
        row = rows[action.pk]
        assert row.overdue is action.is_overdue(), action
        assert row.stale is action.is_stale(), action
        assert row.effective == action.effective_status(), action
    assert [rows[a.pk].overdue for a in plan_actions] == [False, True, False, False, False]
    assert [rows[a.pk].stale for a in plan_actions] == [False, False, True, False, True]


def test_status_counts_count_overdue_as_off_track(plan_actions):
    counts = status_counts(Action.objects.all())
    assert counts[Status.OFF_TRACK] == 1
    assert counts[Status.ON_TRACK] == 1
    assert counts[Status.AT_RISK] == 1
    assert counts[Status.COMPLETE] == 1
    assert counts[Status.NOT_STARTED] == 1


# As at a past date ---------------------------------------------------------------------


def test_status_as_at_a_past_date_ignores_later_updates_and_date_changes(db, fixed_today):
    fixed_today(TODAY)
    manager = factories.UserFactory()
    auditor = factories.UserFactory()
    action = factories.ActionFactory(
        original_target_date=dt.date(2026, 3, 31), created_at=london(dt.date(2026, 1, 1))
    )
    plan = action.priority.plan
    progress_update_post(
        action=action,
        author=manager,
        narrative="Started",
        status=Status.ON_TRACK,
        at=london(dt.date(2026, 2, 1)),
    )
    action_target_date_change(
        action=action,
        new_date=dt.date(2026, 5, 31),
        reason="Recruitment",
        changed_by=manager,
        at=london(dt.date(2026, 3, 20)),
    )
    progress_update_post(
        action=action,
        author=manager,
        narrative="Done",
        status=Status.COMPLETE,
        at=london(dt.date(2026, 5, 10)),
    )
    action_verify(action=action, verifier=auditor, note="Checked", at=london(dt.date(2026, 6, 1)))

    def then(day):
        return plan_statuses_as_at(plan, day)[action.pk]

    assert action.pk not in plan_statuses_as_at(plan, dt.date(2025, 12, 31))  # not yet created
    assert then(dt.date(2026, 1, 15)).status == Status.NOT_STARTED
    assert then(dt.date(2026, 2, 1)).status == Status.ON_TRACK  # same day counts
    assert then(dt.date(2026, 3, 19)).target_date == dt.date(2026, 3, 31)
    assert then(dt.date(2026, 3, 20)).target_date == dt.date(2026, 5, 31)
    assert not then(dt.date(2026, 4, 15)).overdue  # the move came before the old date passed
    assert then(dt.date(2026, 5, 10)).status == Status.COMPLETE
    assert then(dt.date(2026, 6, 1)).status == Status.VERIFIED
    assert then(TODAY).status == Action.objects.get(pk=action.pk).declared_status


def test_overdue_as_at_uses_the_target_date_in_force_then(db, fixed_today):
    fixed_today(TODAY)
    action = factories.ActionFactory(
        original_target_date=dt.date(2026, 2, 28), created_at=london(dt.date(2026, 1, 1))
    )
    action_target_date_change(
        action=action,
        new_date=dt.date(2026, 9, 30),
        reason="Moved",
        changed_by=factories.UserFactory(),
        at=london(dt.date(2026, 4, 1)),
    )
    snapshot = plan_statuses_as_at(action.priority.plan, dt.date(2026, 3, 15))[action.pk]
    assert snapshot.overdue and snapshot.effective == Status.OFF_TRACK
    assert not plan_statuses_as_at(action.priority.plan, TODAY)[action.pk].overdue


def test_as_at_takes_the_same_queries_for_few_and_many_actions(db, fixed_today):
    fixed_today(TODAY)
    author = factories.UserFactory()

    def priority_with(n):
        priority = factories.PriorityFactory()
        for _ in range(n):
            action = factories.ActionFactory(priority=priority, created_at=london(TODAY))
            progress_update_post(action=action, author=author, narrative="n", status="on_track")
        return priority, n

    def read(subject):
        priority, n = subject
        statuses = plan_statuses_as_at(priority.plan, TODAY)
        status_counts_as_at(Action.objects.filter(priority=priority), TODAY)
        assert len(statuses) == n

    assert_flat_queries(read, priority_with(2), priority_with(25), exactly=2)


def test_back_dated_writes_are_dated_and_attributed_in_the_audit_trail(db):
    author = factories.UserFactory()
    action = factories.ActionFactory()
    when = london(dt.date(2026, 2, 3), 10)
    update = progress_update_post(
        action=action, author=author, narrative="n", status=Status.AT_RISK, at=when
    )
    change = action_target_date_change(
        action=action, new_date=dt.date(2026, 8, 1), reason="r", changed_by=author, at=when
    )
    for record in (update, change, Action.objects.get(pk=action.pk)):
        latest = record.history.order_by("-history_id").first()  # the newest record written
        assert latest.history_date == when
        assert latest.history_user_id == author.pk
