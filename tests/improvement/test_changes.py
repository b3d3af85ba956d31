"""What changed between two dates: status moves, new updates and moved target dates."""

import datetime as dt
from collections import Counter

import pytest

from improvement.models import Action, ProgressUpdate, TargetDateChange
from improvement.selectors.dashboard.changes import changes_between, direction
from improvement.status import Status
from tests.improvement.scrutiny_data import LONDON, TODAY, build_world, replay, visible
from tests.queries import assert_flat_queries

MEETING = dt.date(2026, 4, 30)


@pytest.fixture
def world(db, fixed_today):
    fixed_today(TODAY)
    return build_world()


def scope(world):
    return Action.objects.visible_to(world.scrutiny)


def after(day):
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=LONDON)


def test_status_moves_compare_each_action_at_both_dates(world):
    changes = changes_between(scope(world), start=MEETING, end=TODAY)
    expected = Counter()
    for action in visible(world):
        before, now = replay(action, MEETING), replay(action, TODAY)
        if not before.exists:
            expected[(None, now.effective)] += 1
        elif before.effective != now.effective:
            expected[(before.effective, now.effective)] += 1
    assert {(m.before, m.after): m.count for m in changes.moves} == dict(expected)
    assert changes.moved_total == sum(expected.values())
    # The story: a5 went from at risk to off track (overdue after 30 April), a3 completed.
    moved = {a.description: (a.before, a.effective_then) for a in changes.moved}
    a5, a3 = world.actions["a5"], world.actions["a3"]
    assert moved[a5.description] == (Status.AT_RISK, Status.OFF_TRACK)  # due 30 April
    assert moved[a3.description] == (Status.ON_TRACK, Status.COMPLETE)
    assert changes.worse + changes.better <= changes.moved_total


def test_an_action_created_after_the_meeting_shows_as_new(world):
    changes = changes_between(scope(world), start=dt.date(2026, 4, 1), end=TODAY)
    new = [m for m in changes.moves if m.before is None]
    assert [(m.after, m.count) for m in new] == [(Status.ON_TRACK, 1)]  # a6, made 15 April
    assert changes.new_actions == 1


def test_green_to_red_is_worse_and_red_to_green_is_better():
    assert direction(Status.ON_TRACK, Status.OFF_TRACK) == "worse"
    assert direction(Status.OFF_TRACK, Status.ON_TRACK) == "better"
    assert direction(Status.ON_TRACK, Status.COMPLETE) == "better"
    assert direction(Status.ON_TRACK, Status.NOT_STARTED) == "changed"
    assert direction(None, Status.AT_RISK) == "new"


def test_new_updates_and_moved_dates_are_those_made_after_the_meeting_day(world):
    changes = changes_between(scope(world), start=MEETING, end=TODAY)
    shown = {a.pk for a in visible(world)}
    updates = [
        u
        for u in ProgressUpdate.objects.all()
        if u.action_id in shown and after(MEETING) <= u.created_at < after(TODAY)
    ]
    moved = [
        c
        for c in TargetDateChange.objects.all()
        if c.action_id in shown and after(MEETING) <= c.changed_at < after(TODAY)
    ]
    assert changes.updates_total == len(updates) > 0
    assert {u.pk for u in changes.updates} == {u.pk for u in updates}
    assert changes.date_changes_total == len(moved) == 1  # a10 moved on 1 May
    assert changes.date_changes[0].action_id == world.actions["a10"].pk
    assert world.secret_action.pk not in {u.action_id for u in changes.updates}


def test_nothing_changes_between_a_day_and_itself(world):
    changes = changes_between(scope(world), start=TODAY, end=TODAY)
    assert changes.moves == [] and changes.updates_total == 0 and changes.date_changes_total == 0


def test_changes_use_a_fixed_number_of_queries(world):
    actions = scope(world)

    def more():
        for i in range(30):
            copy = Action.objects.get(pk=world.actions["a1"].pk)
            copy.pk, copy.order = None, 100 + i
            copy.save()

    def read(actions):
        return changes_between(actions, start=MEETING, end=TODAY)

    assert_flat_queries(read, actions, grow=more, exactly=4)
