"""Stored month-end counts are reused, and forgotten when a write changes that past."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from improvement import snapshots
from improvement.models import Action, StatusSnapshot
from improvement.selectors.dashboard.trend import cached_trend, month_ends
from improvement.services.actions import action_target_date_change, progress_update_post
from improvement.services.plans import action_update, plan_update
from improvement.status import Status
from tests import factories
from tests.improvement.replayed import replayed_counts

TODAY = dt.date(2026, 6, 15)


def at(day):
    return factories.moment(day)


@pytest.fixture
def setup(db, fixed_today, auditor):
    fixed_today(TODAY)
    action = factories.ActionFactory(
        original_target_date=dt.date(2026, 12, 31), created_at=at(dt.date(2026, 1, 2))
    )
    return auditor, action, month_ends(TODAY)


def fresh(days):
    """The counts replayed from the records, not read from what is stored."""
    return replayed_counts(Action.objects.all(), days)


def test_past_month_ends_are_stored_and_today_is_not(setup):
    user, _, days = setup
    cached_trend(user, None, Action.objects.all(), days + [TODAY])
    stored = set(StatusSnapshot.objects.values_list("day", flat=True))
    assert stored == set(days) and TODAY not in stored


def test_stored_counts_are_what_a_replay_gives(setup):
    user, _, days = setup
    first = cached_trend(user, None, Action.objects.all(), days)
    again = cached_trend(user, None, Action.objects.all(), days)
    assert [p.counts for p in first] == [p.counts for p in again] == [fresh(days)[d] for d in days]


def test_a_back_dated_update_forgets_the_month_ends_it_changes(setup):
    user, action, days = setup
    cached_trend(user, None, Action.objects.all(), days)
    progress_update_post(
        action=action, author=user, narrative="late entry", status=Status.AT_RISK,
        at=at(dt.date(2026, 3, 10)),
    )  # fmt: skip
    assert not StatusSnapshot.objects.filter(day__gte=dt.date(2026, 3, 10)).exists()
    assert StatusSnapshot.objects.filter(day__lt=dt.date(2026, 3, 10)).exists()
    points = {p.day: p.counts for p in cached_trend(user, None, Action.objects.all(), days)}
    assert points == fresh(days)
    assert points[dt.date(2026, 3, 31)][Status.AT_RISK] == 1


def test_updates_posted_now_keep_the_stored_past(setup):
    user, action, days = setup
    cached_trend(user, None, Action.objects.all(), days)
    before = StatusSnapshot.objects.count()
    progress_update_post(action=action, author=user, narrative="today", status=Status.ON_TRACK)
    action_target_date_change(
        action=Action.objects.get(pk=action.pk), new_date=dt.date(2027, 1, 31), reason="r",
        changed_by=user,
    )  # fmt: skip
    assert StatusSnapshot.objects.count() == before


def test_moving_an_action_or_changing_its_confidentiality_forgets_everything(setup):
    user, action, days = setup
    cached_trend(user, None, Action.objects.all(), days)
    action.refresh_from_db()
    action.priority = factories.PriorityFactory()
    action.save()  # moved to another plan: every stored count may be wrong now
    assert not StatusSnapshot.objects.exists()
    cached_trend(user, None, Action.objects.all(), days)
    secret = factories.InspectionFactory(is_confidential=True)
    action.recommendations.add(factories.RecommendationFactory(inspection=secret))
    assert not StatusSnapshot.objects.exists()  # confidential-only now: scrutiny's counts drop


def edit(action, user, **fields):
    """The manager's edit form's save, wording and leads as they were unless given."""
    action.refresh_from_db()
    form = {
        name: getattr(action, name) for name in ("description", "measure", "original_target_date")
    }
    return action_update(
        action=action, version=action.version, edited_by=user, fields={**form, **fields},
        lead_officers=action.lead_officers.all(), recommendations=action.recommendations.all(),
    )  # fmt: skip


def test_edits_that_change_no_past_day_keep_the_stored_past(setup):
    """Forgetting everything on any edit made every reader's next dashboard replay its whole
    trend (1.8 s at 100,000 actions) after a manager fixed a typo."""
    user, action, days = setup
    cached_trend(user, None, Action.objects.all(), days)
    stored = StatusSnapshot.objects.count()
    edit(action, user, description="Reworded", measure="Audits show it")
    action.recommendations.add(factories.RecommendationFactory())  # public: still counted
    plan = action.priority.plan
    plan_update(plan=plan, version=plan.version, fields={"title": "Renamed plan"})
    assert StatusSnapshot.objects.count() == stored
    points = cached_trend(user, None, Action.objects.all(), days)
    assert {p.day: p.counts for p in points} == fresh(days)


def redate(action, user):
    edit(action, user, original_target_date=dt.date(2026, 2, 1))


def created_later(action, user):
    action.created_at = at(dt.date(2026, 4, 2))
    action.save(update_fields=["created_at"])


def new_cycle(action, user):
    plan = action.priority.plan
    plan_update(plan=plan, version=plan.version, fields={"update_cycle_days": 7})


@pytest.mark.parametrize("change", [redate, created_later, new_cycle])
def test_edits_that_change_a_past_day_forget_it(setup, change):
    user, action, days = setup
    cached_trend(user, None, Action.objects.all(), days)
    action.refresh_from_db()
    change(action, user)
    assert not StatusSnapshot.objects.exists()
    points = cached_trend(user, None, Action.objects.all(), days)
    assert {p.day: p.counts for p in points} == fresh(days)


def test_a_month_end_that_is_today_is_read_from_the_live_columns_not_replayed(setup, monkeypatch):
    """On the last day of a month the trend's last point is today: it must cost what an
    ordinary day costs (the live columns), not a replay of every action."""
    user, _, days = setup
    expected = fresh([TODAY])[TODAY]

    def no_recount(*args, **kwargs):
        raise AssertionError("today was counted from the periods")

    monkeypatch.setattr("improvement.selectors.dashboard.trend.trend", no_recount)
    points = cached_trend(user, None, Action.objects.all(), [TODAY])
    assert points == [type(points[0])(TODAY, expected)]


PAST = dt.date(2026, 3, 31)


def store_one(stored=None):
    """counts_for on one past day not yet stored (as the first view of a past day)."""
    return snapshots.counts_for("all-active:public", [PAST], lambda days: {PAST: {"n": 1}}, stored)


@pytest.mark.django_db(transaction=True)
def test_a_past_day_is_stored_in_one_statement_outside_a_transaction(fixed_today):
    # Issue 18.19's fixed query count: bulk_create put BEGIN and COMMIT round its INSERT.
    fixed_today(TODAY)
    with CaptureQueriesContext(connection) as queries:
        assert store_one()[PAST] == {"n": 1}
    assert [query["sql"].split()[0] for query in queries] == ["SELECT", "INSERT"]
    assert StatusSnapshot.objects.get(day=PAST).counts == {"n": 1}


@pytest.mark.django_db(transaction=True)
def test_a_day_another_request_stored_first_is_left_as_it_is(fixed_today):
    fixed_today(TODAY)
    StatusSnapshot.objects.create(scope="all-active:public", day=PAST, counts={"n": 2})
    assert store_one(stored={})[PAST] == {"n": 1}  # read before the other request stored it
    assert StatusSnapshot.objects.get(day=PAST).counts == {"n": 2}


def test_a_day_stored_first_leaves_the_surrounding_transaction_usable(db, fixed_today):
    fixed_today(TODAY)
    StatusSnapshot.objects.create(scope="all-active:public", day=PAST, counts={"n": 2})
    store_one(stored={})
    assert StatusSnapshot.objects.get(day=PAST).counts == {"n": 2}
