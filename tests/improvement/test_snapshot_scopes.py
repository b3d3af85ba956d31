"""A write that changes the past forgets the stored days of the scopes that count the action
(its plan's, and the all-plans scopes its plan's status falls in), and keeps every other
plan's: editing a draft plan's actions no longer makes every reader's next dashboard work
out its whole trend again."""

import datetime as dt

import pytest

from improvement.models import Action, Plan, StatusSnapshot
from improvement.selectors.dashboard.trend import cached_trend, month_ends
from improvement.services.plans import plan_update
from tests import factories
from tests.improvement.replayed import replayed_counts
from tests.improvement.test_snapshots import at, edit

TODAY = dt.date(2026, 6, 15)
PAST = dt.date(2026, 3, 31)
ALL = ["all-active", "all-active-draft", "all-active-closed", "all-active-draft-closed"]


@pytest.fixture
def plans(db, fixed_today):
    fixed_today(TODAY)
    made = {
        name: factories.PlanFactory(title=name, status=status)
        for name, status in [
            ("a", Plan.State.ACTIVE),
            ("b", Plan.State.ACTIVE),
            ("draft", Plan.State.DRAFT),
            ("closed", Plan.State.CLOSED),
        ]
    }
    for plan in made.values():
        factories.ActionFactory(
            priority=factories.PriorityFactory(plan=plan),
            original_target_date=dt.date(2026, 12, 31),
            created_at=at(dt.date(2026, 1, 2)),
        )
    return made


def store_every_scope(plans) -> None:
    """A stored day, and a day's figures, for every plan's and every all-plans scope."""
    scopes = [str(plan.pk) for plan in plans.values()] + ALL
    StatusSnapshot.objects.bulk_create(
        StatusSnapshot(scope=f"{scope}:{view}{figures}", day=PAST, counts={})
        for scope in scopes
        for view in ("full", "public")
        for figures in ("", ":figures:2026-03-01")
    )


def kept(plans) -> set[str]:
    """The scopes (plan names, all-plans keys) with a stored day left, any view."""
    names = {str(plan.pk): name for name, plan in plans.items()}
    return {
        names.get(scope.split(":")[0], scope.split(":")[0])
        for scope in StatusSnapshot.objects.values_list("scope", flat=True)
    }


def action_of(plan) -> Action:
    return Action.objects.get(priority__plan=plan)


def test_redating_an_active_plans_action_keeps_the_other_plans_days(plans, auditor):
    store_every_scope(plans)
    edit(action_of(plans["a"]), auditor, original_target_date=dt.date(2026, 2, 1))
    assert kept(plans) == {"b", "draft", "closed"}


def test_editing_a_draft_plans_action_keeps_the_active_plans_days(plans, auditor):
    store_every_scope(plans)
    edit(action_of(plans["draft"]), auditor, original_target_date=dt.date(2026, 2, 1))
    assert kept(plans) == {"a", "b", "closed", "all-active", "all-active-closed"}


def test_moving_an_action_to_another_plan_forgets_both_plans_days(plans, auditor):
    store_every_scope(plans)
    action = action_of(plans["a"])
    action.priority = plans["closed"].priorities.get()
    action.save()
    assert kept(plans) == {"b", "draft"}


def test_deleting_an_action_forgets_its_plans_days(plans):
    store_every_scope(plans)
    action_of(plans["closed"]).delete()
    assert kept(plans) == {"a", "b", "draft", "all-active", "all-active-draft"}


def test_an_action_becoming_confidential_only_forgets_its_plans_days(plans):
    store_every_scope(plans)
    secret = factories.InspectionFactory(is_confidential=True)
    action_of(plans["draft"]).recommendations.add(
        factories.RecommendationFactory(inspection=secret)
    )
    assert kept(plans) == {"a", "b", "closed", "all-active", "all-active-closed"}


def test_a_draft_plan_made_active_forgets_its_days_and_every_all_plans_day(plans):
    store_every_scope(plans)
    draft = plans["draft"]
    plan_update(plan=draft, version=draft.version, fields={"status": Plan.State.ACTIVE})
    assert kept(plans) == {"a", "b", "closed"}


def test_a_plans_trend_is_right_after_an_action_moves_into_it(plans, auditor):
    """The kept days are only those the move cannot change: the receiving plan's trend is
    worked out again and agrees with a replay of the records."""
    days = month_ends(TODAY)
    target = plans["b"]
    cached_trend(auditor, target, Action.objects.filter(priority__plan=target), days)
    action = action_of(plans["a"])
    action.priority = target.priorities.get()
    action.save()
    points = cached_trend(auditor, target, Action.objects.filter(priority__plan=target), days)
    moved_in = replayed_counts(Action.objects.filter(priority__plan=target), days)
    assert {p.day: p.counts for p in points} == moved_in
    assert sum(moved_in[PAST].values()) == 2
