"""The plans pages: list and plan page (working-document columns, fixed query counts), and
the plan manager's forms for plans, priorities and actions."""

import datetime as dt

import pytest
from django.urls import reverse

from improvement.models import Action, Plan, Priority, ProgressUpdate, TargetDateChange
from improvement.services.actions import progress_update_post
from improvement.status import Status
from tests import factories
from tests.queries import assert_flat_queries


def page_reader(client):
    def read(url):
        response = client.get(url)
        assert response.status_code == 200

    return read


def build_plan(size: int, *, officer) -> Plan:
    """A plan with `size` priorities, each with `size` actions that have leads, a team,
    recommendations and an update."""
    plan = factories.PlanFactory()
    plan.inspections.add(factories.InspectionFactory())
    team = factories.TeamFactory()
    for _ in range(size):
        priority = factories.PriorityFactory(plan=plan)
        for _ in range(size):
            action = factories.ActionFactory(
                priority=priority,
                leads=[officer, factories.UserFactory()],
                lead_team=team,
                recommendations=[factories.RecommendationFactory()],
            )
            factories.ProgressUpdateFactory(action=action, author=officer)
    return plan


def test_plan_list_query_count_does_not_grow(client, manager, officer):
    client.force_login(manager)
    build_plan(1, officer=officer)

    def more():
        for _ in range(4):
            build_plan(2, officer=officer)

    assert_flat_queries(page_reader(client), reverse("plan_list"), grow=more)


def test_plan_page_query_count_does_not_grow(client, manager, officer):
    client.force_login(manager)
    small = build_plan(1, officer=officer)
    large = build_plan(6, officer=officer)
    assert_flat_queries(
        page_reader(client),
        reverse("plan_detail", args=[small.pk]),
        reverse("plan_detail", args=[large.pk]),
    )


@pytest.fixture
def plan_page_world(db, officer, fixed_today):
    fixed_today(dt.date(2026, 5, 1))
    plan = factories.PlanFactory(title="Plan 2026")
    priority = factories.PriorityFactory(plan=plan, number=1, title="Front door")
    late = factories.ActionFactory(
        priority=priority,
        order=1,
        description="Audit strategy discussions",
        intended_outcome="Decisions within one working day",
        measure="Monthly audit",
        leads=[officer],
        lead_names="Named Nurse",
        original_target_date=dt.date(2026, 2, 1),
        target_date=dt.date(2026, 3, 1),
    )
    progress_update_post(
        action=late, author=officer, narrative="Audit tool agreed", status=Status.ON_TRACK
    )
    secret = factories.ActionFactory(
        priority=priority,
        order=2,
        description="Confidential visit action",
        recommendations=[
            factories.RecommendationFactory(
                inspection=factories.InspectionFactory(is_confidential=True)
            )
        ],
    )
    return plan, late, secret


def test_plan_page_shows_the_working_document_columns(client, manager, plan_page_world):
    plan, late, _ = plan_page_world
    client.force_login(manager)
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    for header in ("Ref", "Action", "Outcome", "Measure", "Lead", "Target date", "Status"):
        assert f'<th scope="col" class="govuk-table__header">{header}</th>' in page
    assert "Priority 1: Front door" in page
    assert reverse("action_detail", args=[late.pk]) in page
    assert "Decisions within one working day" in page and "Monthly audit" in page
    assert "Olu Officer, Named Nurse" in page
    assert "1 Mar 2026" in page and "Originally 1 Feb 2026" in page
    assert "On track" in page and "Overdue" in page
    assert "Audit tool agreed" in page
    assert f"{reverse('action_list')}?plan={plan.pk}" in page


def test_scrutiny_members_do_not_see_confidential_actions_on_the_plan(
    client, scrutiny, plan_page_world
):
    plan, late, secret = plan_page_world
    client.force_login(scrutiny)
    response = client.get(reverse("plan_detail", args=[plan.pk]))
    page = response.content.decode()
    assert reverse("action_detail", args=[late.pk]) in page
    assert "Confidential visit action" not in page
    assert response.context["priorities"][0].action_count == 1
    assert "Edit plan details" not in page and "Move up" not in page


def test_manager_creates_a_plan(client, manager):
    inspection = factories.InspectionFactory()
    client.force_login(manager)
    response = client.post(
        reverse("plan_create"),
        {
            "title": "Plan 2026-28",
            "owner_board": "Improvement Board",
            "status": "draft",
            "update_cycle_days": "28",
            "start_date_0": "1",
            "start_date_1": "4",
            "start_date_2": "2026",
            "inspections": [inspection.pk],
        },
    )
    plan = Plan.objects.get()
    assert response["Location"] == reverse("plan_detail", args=[plan.pk])
    assert (plan.update_cycle_days, plan.start_date) == (28, dt.date(2026, 4, 1))
    assert list(plan.inspections.all()) == [inspection]


def test_manager_adds_renames_and_reorders_priorities(client, manager):
    plan = factories.PlanFactory()
    client.force_login(manager)
    for title in ("Front door", "Care leavers", "Workforce"):
        client.post(reverse("priority_create", args=[plan.pk]), {"title": title})
    first, second, third = plan.priorities.order_by("number")
    assert [(p.number, p.title) for p in (first, second, third)] == [
        (1, "Front door"),
        (2, "Care leavers"),
        (3, "Workforce"),
    ]
    action = factories.ActionFactory(priority=third, order=1)
    assert action.reference == "3.1"

    response = client.post(reverse("priority_move", args=[third.pk]), {"direction": "up"})
    assert response.status_code == 302
    client.post(reverse("priority_move", args=[first.pk]), {"direction": "up"})  # already first
    client.post(reverse("priority_edit", args=[second.pk]), {"title": "Leaving care", "version": 1})

    assert [p.title for p in plan.priorities.order_by("number")] == [
        "Front door",
        "Workforce",
        "Leaving care",
    ]
    assert Action.objects.get(pk=action.pk).reference == "2.1"
    assert client.get(reverse("priority_move", args=[first.pk])).status_code == 405


def test_manager_adds_an_action_at_the_end_of_a_priority(client, manager, officer):
    priority = factories.PriorityFactory()
    factories.ActionFactory(priority=priority, order=1)
    recommendation = factories.RecommendationFactory()
    team = factories.TeamFactory()
    client.force_login(manager)
    response = client.post(
        reverse("action_create", args=[priority.pk]),
        {
            "description": "Recruit two advanced practitioners",
            "intended_outcome": "Manageable caseloads",
            "measure": "Caseload per worker",
            "timescale": "6 months",
            "lead_officers": [officer.pk],
            "lead_names": "Head of Service",
            "lead_team": team.pk,
            "recommendations": [recommendation.pk],
            "target_date_0": "30",
            "target_date_1": "9",
            "target_date_2": "2026",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(description="Recruit two advanced practitioners")
    assert action.reference == f"{priority.number}.2"
    assert action.original_target_date == action.target_date == dt.date(2026, 9, 30)
    assert list(action.lead_officers.all()) == [officer]
    assert list(action.recommendations.all()) == [recommendation]
    assert action.lead_team == team


def test_changing_the_target_date_keeps_the_history(client, manager):
    action = factories.ActionFactory(target_date=dt.date(2026, 4, 5))
    client.force_login(manager)
    url = reverse("action_change_target_date", args=[action.pk])
    response = client.post(url, {"new_date_0": "5", "new_date_1": "7", "new_date_2": "2026"})
    assert "Enter why the target date is changing" in response.content.decode()
    response = client.post(
        url,
        {"new_date_0": "5", "new_date_1": "7", "new_date_2": "2026", "reason": "Late funding"},
    )
    assert response["Location"] == reverse("action_detail", args=[action.pk])
    change = TargetDateChange.objects.get(action=action)
    assert (change.old_date, change.new_date, change.reason) == (
        dt.date(2026, 4, 5),
        dt.date(2026, 7, 5),
        "Late funding",
    )


def test_closing_an_action_keeps_it_with_its_reason(client, manager):
    action = factories.ActionFactory()
    client.force_login(manager)
    response = client.post(
        reverse("action_close", args=[action.pk]),
        {"kind": "withdrawn", "reason": "The service was recommissioned"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.declared_status == Status.CLOSED
    assert action.closed_reason == "Withdrawn: The service was recommissioned"
    assert ProgressUpdate.objects.get(action=action).status == Status.CLOSED
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Withdrawn: The service was recommissioned" in page
    assert reverse("action_close", args=[action.pk]) not in page  # no closing twice


def test_action_page_offers_the_manager_their_links_and_nobody_else(client, manager, officer):
    action = factories.ActionFactory(leads=[officer])
    url = reverse("action_detail", args=[action.pk])
    client.force_login(manager)
    page = client.get(url).content.decode()
    for name in ("action_edit", "action_change_target_date", "action_close"):
        assert reverse(name, args=[action.pk]) in page
    client.force_login(officer)
    assert reverse("action_edit", args=[action.pk]) not in client.get(url).content.decode()


def test_plans_due_on_the_managers_home_until_an_approved_plan_answers(
    client, manager, fixed_today
):
    fixed_today(dt.date(2026, 3, 2))
    inspection = factories.InspectionFactory(
        title="ILACS 2026", published_on=dt.date(2026, 1, 5), end_date=None
    )
    factories.InspectionFactory(title="Peer review", kind="peer_review")
    client.force_login(manager)
    page = client.get(reverse("home")).content.decode()
    assert "ILACS 2026" in page
    assert inspection.plan_due_date.strftime("%-d %B %Y") in page
    assert "Peer review" not in page

    plan = factories.PlanFactory(approved_on=None)
    plan.inspections.add(inspection)
    assert "ILACS 2026" in client.get(reverse("home")).content.decode()
    Plan.objects.filter(pk=plan.pk).update(approved_on=dt.date(2026, 3, 1))
    assert "ILACS 2026" not in client.get(reverse("home")).content.decode()


def test_officers_home_has_no_manager_sections(client, officer):
    client.force_login(officer)
    page = client.get(reverse("home")).content.decode()
    assert "Requests for a new target date" not in page
    assert "Plans due" not in page


def test_priority_numbers_stay_unique_when_moving(manager):
    from improvement.services.plans import priority_move

    plan = factories.PlanFactory()
    a, b = (factories.PriorityFactory(plan=plan, number=n) for n in (1, 2))
    priority_move(priority=b, direction="up")
    assert list(Priority.objects.filter(plan=plan).values_list("pk", "number")) == [
        (b.pk, 1),
        (a.pk, 2),
    ]


def test_plans_answering_only_confidential_inspections_are_hidden_from_scrutiny(
    client, scrutiny, manager
):
    public = factories.PlanFactory(title="Public plan")
    hidden = factories.PlanFactory(title="Plan for an unpublished visit")
    hidden.inspections.add(factories.InspectionFactory(is_confidential=True))
    client.force_login(scrutiny)
    page = client.get(reverse("plan_list")).content.decode()
    assert "Public plan" in page and "Plan for an unpublished visit" not in page
    assert client.get(reverse("plan_detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("plan_detail", args=[public.pk])).status_code == 200
    client.force_login(manager)
    assert "Plan for an unpublished visit" in client.get(reverse("plan_list")).content.decode()
