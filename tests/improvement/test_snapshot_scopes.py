"""A write that changes the past forgets the stored days of the scopes that count the action
(its plan's, and the all-plans scopes its plan's status falls in), and keeps every other
plan's: editing a draft plan's actions no longer makes every reader's next dashboard work
out its whole trend again."""

import datetime as dt

import pytest
from django.urls import reverse

from improvement.impact import Impact
from improvement.models import Action, Plan, StatusSnapshot
from improvement.selectors.dashboard.trend import cached_trend, month_ends
from improvement.services.actions import progress_update_post
from improvement.services.plans import plan_update, priority_move
from improvement.status import Status
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


def kept(plans, *, figures: bool | None = None) -> set[str]:
    """The scopes (plan names, all-plans keys) with a stored day left, any view; only
    month ends (figures=False) or only a day's figures (True) when asked."""
    names = {str(plan.pk): name for name, plan in plans.items()}
    stored = StatusSnapshot.objects.values_list("scope", flat=True)
    return {
        names.get(scope.split(":")[0], scope.split(":")[0])
        for scope in stored
        if figures is None or (":figures:" in scope) == figures
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


def reorder(action):
    action.order += 5
    action.save()


def judge_impact(action):
    """A judgement replaces the one before, which a stored day may have counted."""
    action.impact, action.impact_recorded_at = Impact.EVIDENCED, at(dt.date(2026, 2, 1))
    action.save(update_fields=["impact", "impact_recorded_at"])


def to_another_priority_of_its_plan(action):
    action.priority = factories.PriorityFactory(plan=action.priority.plan)
    action.save()


@pytest.mark.parametrize("change", [reorder, judge_impact, to_another_priority_of_its_plan])
def test_what_lists_an_action_but_not_its_status_keeps_the_month_ends(plans, change):
    """The trend's month ends count statuses alone: where an action is listed, and its
    impact judgement, change only a stored day's figures (counts by priority, lists)."""
    store_every_scope(plans)
    change(action_of(plans["a"]))
    assert kept(plans, figures=False) == {"a", "b", "draft", "closed", *ALL}
    assert kept(plans, figures=True) == {"b", "draft", "closed"}


def test_moving_a_priority_forgets_its_plans_figures_and_keeps_the_month_ends(plans):
    """A stored day's overdue list breaks ties on the priority's number."""
    plan = plans["a"]
    factories.PriorityFactory(plan=plan, number=plan.priorities.get().number + 1)
    store_every_scope(plans)
    priority_move(priority=plan.priorities.order_by("number")[0], direction="down")
    assert kept(plans, figures=False) == {"a", "b", "draft", "closed", *ALL}
    assert kept(plans, figures=True) == {"b", "draft", "closed"}


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


def test_a_replaced_impact_judgement_changes_the_stored_days_figures(plans, client, manager):
    """Kept month ends are only half of it: the day's figures that counted the judgement
    it replaced are worked out again."""
    plan = plans["a"]
    action = action_of(plan)
    progress_update_post(
        action=action, author=manager, narrative="Done.", status=Status.COMPLETE,
        at=at(dt.date(2026, 1, 10)),
    )  # fmt: skip
    action.refresh_from_db()
    judge_impact(action)
    client.force_login(manager)

    def evidenced() -> int:
        page = client.get(reverse("plan_dashboard", args=[plan.pk]), {"as_at": PAST.isoformat()})
        return page.context["data"].breakdown.total.impact_evidenced

    assert evidenced() == 1
    action.impact, action.impact_recorded_at = Impact.NOT_EVIDENCED, at(TODAY)
    action.save(update_fields=["impact", "impact_recorded_at"])
    assert evidenced() == 0
