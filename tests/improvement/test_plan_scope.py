"""Headline figures count active plans unless the reader includes draft or closed plans
(issue 18, item 6): dashboards, home pages, the action list, trays and reminders."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core import roles
from improvement.selectors.dashboard.counts import headline
from improvement.selectors.dashboard.page import dashboard
from improvement.selectors.plan_scope import PlanScope
from improvement.selectors.tray import reminder_digest
from improvement.status import Status
from tests import factories

TODAY = dt.date(2026, 6, 15)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def plans(db, fixed_today, officer):
    """One overdue action led by `officer` in each of an active, a draft and a closed plan."""
    fixed_today(TODAY)
    made = {}
    for state in ("active", "draft", "closed"):
        plan = factories.PlanFactory(status=state, title=f"The {state} plan")
        made[state] = factories.ActionFactory(
            priority=factories.PriorityFactory(plan=plan),
            leads=[officer],
            description=f"Work in the {state} plan",
            target_date=dt.date(2026, 6, 1),
            declared_status=Status.ON_TRACK,
            last_update_at=at(TODAY),
        )
    return made


def test_the_scope_reads_its_get_options_and_says_what_it_shows():
    assert PlanScope.from_params({}).states == ["active"]
    assert PlanScope.from_params({}).description == "Showing active plans"
    both = PlanScope.from_params({"include_draft": "1", "include_closed": "on"})
    assert both.states == ["active", "draft", "closed"]
    assert both.description == "Showing active, draft and closed plans"
    assert both.params == {"include_draft": 1, "include_closed": 1}
    assert PlanScope.from_params({"include_draft": "no"}).states == ["active"]


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (PlanScope(), {"active"}),
        (PlanScope(draft=True), {"active", "draft"}),
        (PlanScope(closed=True), {"active", "closed"}),
    ],
)
def test_the_all_plans_dashboard_counts_active_plans_unless_asked(plans, manager, scope, expected):
    data = dashboard(manager, plan=None, day=TODAY, since=TODAY - dt.timedelta(30), scope=scope)
    assert data.breakdown.total.total == len(expected)
    assert data.breakdown.total.overdue == len(expected)
    assert {row.label for row in data.breakdown.rows} == {f"The {s} plan" for s in expected}
    assert {a.pk for a in data.overdue.actions} == {plans[s].pk for s in expected}
    assert data.trend[-1].total == len(expected)  # the trend counts the same plans


def test_one_chosen_plan_is_counted_whatever_its_status(plans, manager):
    draft = plans["draft"].priority.plan
    data = dashboard(manager, plan=draft, day=TODAY, since=TODAY - dt.timedelta(30))
    assert data.breakdown.total.total == 1


def test_the_dashboard_page_says_what_it_shows_and_offers_the_others(plans, client, manager):
    client.force_login(manager)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Showing active plans." in html
    assert "?include_draft=1" in html and "Include draft plans" in html
    assert "?include_closed=1" in html and "Include closed plans" in html
    assert "Work in the draft plan" not in html and "Work in the active plan" in html
    html = client.get(reverse("dashboard"), {"include_draft": "1"}).content.decode()
    assert "Showing active and draft plans." in html
    assert "Leave out draft plans" in html
    assert "Work in the draft plan" in html
    # The date form keeps the choice.
    assert '<input type="hidden" name="include_draft" value="1">' in html


def test_dashboard_figures_link_to_lists_holding_the_same_actions(plans, client, manager):
    client.force_login(manager)
    for query, expected in (({}, 1), ({"include_closed": "1"}, 2)):
        response = client.get(reverse("dashboard"), query)
        total = response.context["data"].breakdown.total
        overdue = client.get(reverse("action_list"), {**total.filters, "overdue": 1})
        assert overdue.context["page_obj"].paginator.count == total.overdue == expected


def test_the_action_list_holds_active_plans_unless_a_plan_is_chosen(plans, client, manager):
    client.force_login(manager)
    listed = client.get(reverse("action_list"))
    assert [a.pk for a in listed.context["actions"]] == [plans["active"].pk]
    assert "Showing active plans." in listed.content.decode()
    draft_plan = plans["draft"].priority.plan
    chosen = client.get(reverse("action_list"), {"plan": draft_plan.pk})
    assert [a.pk for a in chosen.context["actions"]] == [plans["draft"].pk]
    included = client.get(reverse("action_list"), {"include_draft": "on"})
    assert {a.pk for a in included.context["actions"]} == {plans["active"].pk, plans["draft"].pk}


def test_a_councillors_home_counts_active_plans_only(plans, client, scrutiny):
    assert headline(scrutiny).total.total == 1
    client.force_login(scrutiny)
    html = client.get(reverse("home")).content.decode()
    assert "1 action across the active improvement plans" in html


def test_the_auditors_home_summary_counts_active_plans_only(plans, client, auditor):
    client.force_login(auditor)
    rows = client.get(reverse("home")).context["sections"]
    summary = next(s for s in rows if s.template.endswith("plan_summary.html"))
    assert sum(count for _, _, count in summary.context["rows"]) == 1


def test_reminders_list_only_actions_of_active_plans(
    plans, officer, django_capture_on_commit_callbacks
):
    from django.core import mail

    digest = reminder_digest(officer, TODAY)
    assert [row.action.pk for row in digest.overdue] == [plans["active"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=io.StringIO())
    body = mail.outbox[0].body
    assert "Work in the active plan" in body
    assert "draft plan" not in body and "closed plan" not in body


def test_making_a_plan_active_forgets_the_stored_trend_across_plans(plans, manager):
    from improvement.models import StatusSnapshot

    factories.UserFactory(roles=[roles.OFFICER])
    dashboard(manager, plan=None, day=TODAY, since=TODAY - dt.timedelta(30))
    assert StatusSnapshot.objects.filter(scope__startswith="all-active:").exists()
    draft = plans["draft"].priority.plan
    draft.status = "active"
    draft.save()
    assert not StatusSnapshot.objects.filter(scope__startswith="all-").exists()
    data = dashboard(manager, plan=None, day=TODAY, since=TODAY - dt.timedelta(30))
    assert data.breakdown.total.total == 2
