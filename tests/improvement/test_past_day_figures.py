"""A past day's dashboard is worked out once, then read back (issue 18.19): the stored
figures are the ones a fresh count gives, cost fewer queries, and are forgotten when a
back-dated write or a plan's new update cycle changes that day."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement.models import StatusSnapshot
from improvement.services.actions import progress_update_post
from improvement.status import Status
from tests import factories

TODAY = dt.date(2026, 6, 15)
PAST = dt.date(2026, 3, 31)


@pytest.fixture
def plan(db, fixed_today, manager):
    fixed_today(TODAY)
    plan = factories.PlanFactory(title="Plan", update_cycle_days=30)
    priority = factories.PriorityFactory(plan=plan, number=1)
    created = factories.moment(dt.date(2026, 1, 2))
    for target, status in [(dt.date(2026, 2, 1), Status.ON_TRACK), (dt.date(2026, 9, 1), None)]:
        action = factories.ActionFactory(
            priority=priority, original_target_date=target, target_date=target, created_at=created
        )
        if status:
            progress_update_post(
                action=action, author=manager, narrative="On track.", status=status,
                at=factories.moment(dt.date(2026, 1, 10)),
            )  # fmt: skip
    return plan


def figures(client, plan, day=PAST):
    params = {"as_at": day.isoformat()}
    with CaptureQueriesContext(connection) as queries:
        data = client.get(reverse("plan_dashboard", args=[plan.pk]), params).context["data"]
    row = data.breakdown.rows[0]
    return (
        dict(row.counts),
        row.overdue,
        row.stale,
        [(a.pk, a.st, a.tg, a.updated_then) for a in data.overdue.actions],
        [(a.pk, a.st, a.tg, a.updated_then) for a in data.stale.actions],
    ), len(queries)


def test_a_past_day_is_counted_once_then_read_back(client, manager, plan):
    client.force_login(manager)
    first, first_queries = figures(client, plan)

    assert StatusSnapshot.objects.filter(scope__contains=":figures:", day=PAST).count() == 1
    again, again_queries = figures(client, plan)
    assert again == first
    assert again_queries < first_queries
    counts, overdue, stale, overdue_rows, stale_rows = first
    assert overdue == 1 and counts[Status.OFF_TRACK] == 1  # the February target had passed
    assert stale == 2  # neither updated within 30 days of 31 March
    assert overdue_rows[0][1:3] == (Status.ON_TRACK, dt.date(2026, 2, 1))
    assert len(stale_rows) == 2


def test_the_first_view_of_a_past_day_costs_no_more_queries_than_today(client, manager, plan):
    # Issue 18.19: one pass, once, within the dashboard's fixed query count.
    client.force_login(manager)
    figures(client, plan, day=TODAY)
    _, today_queries = figures(client, plan, day=TODAY)
    figures(client, plan)
    # The trend's month ends stay stored (as after anyone's first view); the day is new.
    StatusSnapshot.objects.filter(scope__contains=":figures:").delete()
    _, first_queries = figures(client, plan)
    assert first_queries <= today_queries


def test_today_is_never_stored(client, manager, plan):
    client.force_login(manager)
    figures(client, plan, day=TODAY)
    assert not StatusSnapshot.objects.filter(scope__contains=":figures:").exists()


def test_a_back_dated_update_changes_the_stored_day(client, manager, plan):
    client.force_login(manager)
    figures(client, plan)
    action = plan.priorities.get().actions.order_by("pk").last()
    progress_update_post(
        action=action, author=manager, narrative="Late entry.", status=Status.AT_RISK,
        at=factories.moment(dt.date(2026, 3, 20)),
    )  # fmt: skip

    (counts, _, stale, _, _), _ = figures(client, plan)
    assert counts[Status.AT_RISK] == 1 and stale == 1


def test_a_new_update_cycle_changes_the_stored_day(client, manager, plan):
    client.force_login(manager)
    figures(client, plan)
    plan.update_cycle_days = 90
    plan.save()

    (_, _, stale, _, _), _ = figures(client, plan)
    assert stale == 0  # January's update and creation are within 90 days of 31 March
