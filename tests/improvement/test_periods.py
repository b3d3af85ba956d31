"""Each action's state as periods (improvement/periods.py): equal to what its records say
after every kind of write, read back as the replay of the records reads a past day, and
what lets a past day not seen before be counted without a look-up per action (issue 18.19)."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import roles
from core.clock import end_of_day
from improvement import periods
from improvement.importing import parse_plan_file
from improvement.models import FOREVER, Action, ActionPeriod, ProgressUpdate, StatusSnapshot
from improvement.selectors.actions import status_counts_as_at, with_status_as_at
from improvement.selectors.dashboard.changes import status_moves
from improvement.selectors.dashboard.trend import trend
from improvement.services.actions import (
    action_close,
    action_target_date_change,
    action_verify,
    progress_update_post,
)
from improvement.services.imports import plan_import
from improvement.services.plans import action_create, date_request_decide
from improvement.status import Status
from tests import factories
from tests.improvement.import_files import csv_bytes
from tests.improvement.replayed import replay, replayed_counts
from tests.improvement.status_cases import london
from tests.improvement.test_dashboard import bulk_plan
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 10)
TODAY = dt.date(2026, 6, 15)


# The periods of one action, from its records ---------------------------------------------


def test_an_action_without_records_has_one_period_from_its_creation():
    created = london(DAY)
    (period,) = periods.periods_of(created, DAY, [], [])
    assert period == periods.Period(created, FOREVER, Status.NOT_STARTED, None, DAY, None)


def test_records_of_the_same_moment_make_one_period_and_the_later_update_wins():
    created, at = london(DAY), london(DAY, 15)
    found = periods.periods_of(
        created,
        DAY,
        [(at, 2, Status.AT_RISK, 40), (at, 1, Status.ON_TRACK, 30)],
        [(at, 7, dt.date(2026, 9, 1))],
    )
    assert [(p.starts_at, p.ends_at, p.status, p.percent_complete) for p in found] == [
        (created, at, Status.NOT_STARTED, None),
        (at, FOREVER, Status.AT_RISK, 40),
    ]
    assert found[-1].target_date == dt.date(2026, 9, 1) and found[-1].last_update_at == at


def test_a_record_made_before_the_action_starts_its_first_period():
    created, before = london(DAY), london(DAY - dt.timedelta(days=3))
    found = periods.periods_of(created, DAY, [(before, 1, Status.ON_TRACK, None)], [])
    assert [(p.starts_at, p.status) for p in found] == [(before, Status.ON_TRACK)]


# Every writer keeps them equal to the records ------------------------------------------


@pytest.fixture
def action(db, manager):
    priority = factories.PriorityFactory()
    return action_create(
        priority=priority, fields={"description": "Audit the front door"}, target_date=DAY
    )


def post(action, manager, status=Status.ON_TRACK, at=None):
    return progress_update_post(
        action=action, author=manager, narrative="n", status=status, percent_complete=50, at=at
    )


def write_update(action, manager, auditor):
    post(action, manager)


def write_back_dated_update(action, manager, auditor):
    post(action, manager)
    post(action, manager, Status.AT_RISK, at=london(DAY - dt.timedelta(days=20)))


def write_date_change(action, manager, auditor):
    action_target_date_change(
        action=action, new_date=DAY + dt.timedelta(days=60), reason="r", changed_by=manager
    )


def write_date_request(action, manager, auditor):
    request = factories.DateChangeRequestFactory(action=action, new_date=dt.date(2027, 1, 1))
    date_request_decide(date_request=request, decided_by=manager, approve=True)


def write_verify(action, manager, auditor):
    post(action, manager, Status.COMPLETE)
    action_verify(action=action, verifier=auditor, note="Checked the audit")


def write_close(action, manager, auditor):
    action_close(action=action, closed_by=manager, reason="Withdrawn")


def write_edit(action, manager, auditor):
    # A full save (an edit form, the admin) may change the original target date.
    action.refresh_from_db()
    action.original_target_date = DAY + dt.timedelta(days=5)
    action.save()


def write_bare_records(action, manager, auditor):
    # Rows saved one by one outside the services (the admin, the factories) count too.
    factories.ProgressUpdateFactory(action=action, status=Status.OFF_TRACK)
    factories.TargetDateChangeFactory(action=action)


WRITERS = [
    write_update,
    write_back_dated_update,
    write_date_change,
    write_date_request,
    write_verify,
    write_close,
    write_edit,
    write_bare_records,
]


@pytest.mark.parametrize("write", WRITERS, ids=[w.__name__ for w in WRITERS])
def test_every_writer_keeps_the_periods_equal_to_the_records(action, manager, auditor, write):
    post(action, manager, Status.NOT_STARTED, at=london(DAY - dt.timedelta(days=40)))
    write(action, manager, auditor)
    assert ActionPeriod.objects.filter(action=action).exists()
    assert periods.drifted() == {}


def test_the_importers_bulk_path_writes_the_periods_of_what_it_imports(manager):
    rows = [["Priority", "Action", "Target date", "Progress", "Status"]] + [
        ["1. Safety", f"Action {i}", "31/12/2026", f"Note {i}", "On track"] for i in range(3)
    ] + [["1. Safety", "Not begun", "31/12/2026", "", "Not started"]]  # fmt: skip
    result = parse_plan_file(csv_bytes(rows), "plan.csv")
    plan_import(parse_result=result, user=manager, plan_title="Imported", filename="plan.csv")
    imported = Action.objects.filter(priority__plan__title="Imported")
    assert imported.count() == 4
    # Imported at the moment of their first update: one period each, from then.
    assert sorted(ActionPeriod.objects.values_list("status", flat=True)) == [
        Status.NOT_STARTED, Status.ON_TRACK, Status.ON_TRACK, Status.ON_TRACK,
    ]  # fmt: skip
    assert periods.drifted() == {}


def test_a_write_that_skips_the_periods_is_found(action, manager):
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                action=action, narrative="n", status=Status.AT_RISK, created_at=london(DAY)
            )
        ]  # noqa: E501
    )
    assert list(periods.drifted()) == [action.pk]
    periods.refresh([action.pk])
    assert periods.drifted() == {}


# Read back as the replay of the records reads a past day -------------------------------


def replayed(created, original, updates, changes, day):
    """The records read as status.py's rules read them: the latest made before the day ends."""
    moment = end_of_day(day)
    made = [u for u in updates if u[0] < moment]
    latest = max(made, key=lambda u: u[:2]) if made else None
    moved = [c for c in changes if c[0] < moment]
    target = max(moved, key=lambda c: c[:2])[2] if moved else original
    if latest is None:
        return Status.NOT_STARTED, target, None
    return latest[2], target, latest[0]


def test_a_day_read_from_the_periods_is_the_replay_of_the_records_on_every_boundary(
    manager, monkeypatch
):
    """Records at the last second of a day, the first of the next, at the same moment as
    another, across the clock change, before the action's creation; every day compared."""
    rng = random.Random(18)
    start = dt.date(2026, 3, 20)
    moments = [(8, 0), (23, 59), (0, 0), (12, 30)]
    priority = factories.PriorityFactory()
    records = {}
    for _ in range(25):
        created = london(start + dt.timedelta(days=rng.randint(-2, 6)), 9)
        action = factories.ActionFactory(
            priority=priority, original_target_date=start + dt.timedelta(days=rng.randint(0, 20)),
            created_at=created,
        )  # fmt: skip
        updates, changes = [], []
        for _ in range(rng.randint(0, 6)):
            at = london(start + dt.timedelta(days=rng.randint(-3, 14)), *rng.choice(moments))
            if rng.random() < 0.7:
                update = factories.ProgressUpdateFactory(
                    action=action, status=rng.choice(list(Status)), created_at=at
                )
                updates.append((at, update.pk, update.status))
            else:
                change = factories.TargetDateChangeFactory(
                    action=action, new_date=start + dt.timedelta(days=rng.randint(0, 30)),
                    changed_at=at,
                )  # fmt: skip
                changes.append((at, change.pk, change.new_date))
        records[action.pk] = (created, action.original_target_date, updates, changes)
    actions = Action.objects.filter(priority=priority)
    moves_seen = 0
    for offset in range(-4, 16):
        day = start + dt.timedelta(days=offset)
        read = {
            a.pk: (a.status_then, a.target_then, a.last_update_then)
            for a in with_status_as_at(actions, day)
        }
        expected = {
            pk: replayed(*record, day)
            for pk, record in records.items()
            if record[0] < end_of_day(day)
        }
        assert read == expected, day
        # The replay in SQL counts the same, and so does the trend from the periods.
        counted = status_counts_as_at(actions, day)
        assert counted == replayed_counts(actions, [day])[day] == trend(actions, [day])[0].counts
        # What changed over the three days before, from the periods and from the records.
        moved = status_moves(actions, start=day - dt.timedelta(days=3), end=day)
        moves_seen += len(moved[1])
        with monkeypatch.context() as from_records:
            from_records.setattr("improvement.selectors.dashboard.changes.replay", replay)
            assert status_moves(actions, start=day - dt.timedelta(days=3), end=day) == moved, day
    assert moves_seen > 20  # the comparison met real moves, not empty lists


# What a past day not seen before costs ---------------------------------------------------


def test_a_past_day_not_seen_before_costs_the_same_queries_at_40_and_2000_actions(
    client, fixed_today
):
    fixed_today(TODAY)
    user = factories.UserFactory(roles=[roles.SCRUTINY])
    small, large = bulk_plan(40), bulk_plan(2_000)
    client.force_login(user)
    statements = []

    def first_view(plan):
        url = reverse("plan_dashboard", args=[plan.pk]) + "?as_at=2026-02-28"
        client.get(url)  # stores the trend's month ends
        StatusSnapshot.objects.filter(scope__contains=":figures:").delete()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        statements.extend(query["sql"] for query in captured)
        return len(captured)

    assert_flat_queries(first_view, small, large)
    assert StatusSnapshot.objects.filter(scope__contains=":figures:").exists()
    # The day's state is read from the periods (the counts, then both lists in one pass),
    # not looked up in each action's records.
    assert sum("improvement_actionperiod" in sql for sql in statements) == 2 * 2
    assert not [sql for sql in statements if "improvement_targetdatechange" in sql]
