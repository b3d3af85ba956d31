"""The dashboard's "Completed and verified since" list: the actions declared complete or
verified in the window, each once with its latest such declaration, latest first, only
those the reader may see in the plan or plans shown, and the first ten of them.

The expected list is worked out here in Python from every update, so the list's query can
be changed (it walks the updates newest first) without the test following it.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.clock import end_of_day
from improvement.models import Action, ProgressUpdate
from improvement.selectors.dashboard.lists import LIST_LIMIT, completed_since
from improvement.selectors.dashboard.scope import actions_in_scope
from improvement.status import Status
from tests import factories

pytestmark = pytest.mark.django_db

SINCE = dt.date(2026, 5, 15)
DAY = dt.date(2026, 6, 15)
DONE = (Status.COMPLETE, Status.VERIFIED)


def update(action, day, status, hour=12):
    return factories.ProgressUpdateFactory(
        action=action, status=status, created_at=factories.moment(day, hour)
    )


@pytest.fixture
def world(db):
    plan, other = factories.PlanFactory(title="Plan"), factories.PlanFactory(title="Other")
    priority = factories.PriorityFactory(plan=plan, number=1)
    actions = [factories.ActionFactory(priority=priority) for _ in range(14)]
    for n, action in enumerate(actions[:12]):
        update(action, SINCE + dt.timedelta(days=2 + n), Status.COMPLETE)
    # Verified after it was completed: listed once, as verified, at the later time.
    update(actions[0], DAY - dt.timedelta(days=1), Status.VERIFIED)
    # Declared complete on the last day of the window, at its last hour.
    update(actions[12], DAY, Status.COMPLETE, hour=23)
    # Completed before the window and after the day: not listed.
    update(actions[13], SINCE, Status.COMPLETE)
    update(actions[13], DAY + dt.timedelta(days=1), Status.COMPLETE)
    # A later update that is not a completion does not hide the completion.
    update(actions[5], DAY - dt.timedelta(days=2), Status.ON_TRACK)
    # Two declarations at the same moment: the action is listed once.
    same = factories.moment(SINCE + dt.timedelta(days=20), 9)
    for status in DONE:
        factories.ProgressUpdateFactory(action=actions[1], status=status, created_at=same)
    # Another plan's completion and a confidential action's: never in this plan's list.
    update(factories.ActionFactory(priority__plan=other), DAY, Status.COMPLETE)
    secret = factories.RecommendationFactory(inspection__is_confidential=True)
    hidden = factories.ActionFactory(priority=priority, recommendations=[secret])
    update(hidden, DAY, Status.VERIFIED)
    return plan


def expected(actions, *, since=SINCE, day=DAY) -> list[tuple]:
    """(action, done at, done status) for each action in `actions` declared complete or
    verified in the window, its latest such declaration (ties to the latest row), latest
    first then by action."""
    start, end = end_of_day(since), end_of_day(day)
    latest = {}
    for row in ProgressUpdate.objects.filter(action__in=actions).order_by("created_at", "pk"):
        if row.status in DONE and start <= row.created_at < end:
            latest[row.action_id] = (row.action_id, row.created_at, row.status)
    return sorted(latest.values(), key=lambda done: (-done[1].timestamp(), done[0]))


def listed(actions, **window) -> list[tuple]:
    window = {"since": SINCE, "day": DAY} | window
    found, _ = completed_since(actions, **window)
    return [(a.pk, a.done_at, a.done_status) for a in found]


def test_the_first_ten_latest_first_each_action_once(world, scrutiny):
    actions = actions_in_scope(scrutiny, world)
    want = expected(actions)
    assert len(want) == 13  # twelve in the window and the last day's, not the hidden one
    assert listed(actions) == want[:LIST_LIMIT]
    first = {pk: (at, status) for pk, at, status in want}
    assert first[Action.objects.order_by("pk").first().pk][1] == Status.VERIFIED


def test_a_manager_sees_the_confidential_action_and_every_plan(world, manager):
    actions = actions_in_scope(manager, None)
    want = expected(actions)
    assert len(want) == 15
    assert listed(actions) == want[:LIST_LIMIT]


@pytest.mark.parametrize("day", [SINCE + dt.timedelta(days=5), DAY - dt.timedelta(days=3)])
def test_as_at_a_past_day_only_declarations_by_then_count(world, scrutiny, day):
    actions = actions_in_scope(scrutiny, world)
    want = expected(actions, day=day)
    assert want  # the window is not empty
    assert listed(actions, day=day) == want[:LIST_LIMIT]


def test_one_query_for_the_list(world, scrutiny):
    actions = actions_in_scope(scrutiny, world)
    with CaptureQueriesContext(connection) as queries:
        found, more = completed_since(actions, day=DAY, since=SINCE)
        [(a.priority.plan.title, a.lead_team) for a in found]
    assert (len(found), more) == (LIST_LIMIT, True)
    assert len(queries) == 1


def shown_note(client, user, plan, day=DAY) -> list[str]:
    client.force_login(user)
    page = client.get(
        reverse("plan_dashboard", args=[plan.pk]),
        {"as_at": day.isoformat(), "since": SINCE.isoformat()},
    ).content.decode()
    return re.findall(r"The latest \d+ are shown\.", page)


def test_the_page_says_only_some_are_shown_when_more_actions_were_completed(
    world, scrutiny, client
):
    assert shown_note(client, scrutiny, world) == [f"The latest {LIST_LIMIT} are shown."]


def test_an_action_completed_then_verified_is_one_action_not_a_missing_row(scrutiny, client):
    """Eight actions, two of them completed and then verified in the window: ten
    declarations, eight actions, every one of them listed, so nothing is said to be left out."""
    priority = factories.PriorityFactory(plan__title="Small plan", number=1)
    actions = [factories.ActionFactory(priority=priority) for _ in range(8)]
    for n, action in enumerate(actions):
        update(action, SINCE + dt.timedelta(days=1 + n), Status.COMPLETE)
    for action in actions[:2]:
        update(action, DAY - dt.timedelta(days=1), Status.VERIFIED)
    assert len(listed(actions_in_scope(scrutiny, priority.plan))) == 8
    assert shown_note(client, scrutiny, priority.plan) == []
