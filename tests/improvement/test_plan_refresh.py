"""Plan refresh: a new plan from an old one, carrying chosen open actions; the originals are
closed "Carried over to <plan>", linked both ways, with their history intact."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from improvement.models import Action, Plan, ProgressUpdate
from improvement.services.actions import progress_update_post
from improvement.services.plans import plan_refresh
from improvement.status import Status
from tests import factories


@pytest.fixture
def old_plan(db, officer):
    plan = factories.PlanFactory(title="Plan 2024-26", owner_board="Improvement Board")
    plan.inspections.add(factories.InspectionFactory())
    first = factories.PriorityFactory(plan=plan, number=1, title="Front door")
    second = factories.PriorityFactory(plan=plan, number=2, title="Care leavers")
    recommendation = factories.RecommendationFactory()
    team = factories.TeamFactory()
    open_one = factories.ActionFactory(
        priority=first,
        order=1,
        leads=[officer],
        recommendations=[recommendation],
        lead_names="Named Nurse",
        lead_team=team,
        target_date=dt.date(2026, 9, 30),
        original_target_date=dt.date(2026, 6, 30),
    )
    progress_update_post(
        action=open_one,
        author=officer,
        narrative="Half the audits done",
        status=Status.AT_RISK,
        percent_complete=50,
    )
    done = factories.ActionFactory(priority=first, order=2, leads=[officer])
    progress_update_post(action=done, author=officer, narrative="Done", status=Status.COMPLETE)
    left_behind = factories.ActionFactory(priority=first, order=3, leads=[officer])
    other = factories.ActionFactory(priority=second, order=1, leads=[officer])
    return plan, open_one, done, left_behind, other


def test_carried_actions_are_copied_and_the_originals_closed_and_linked(old_plan, manager):
    plan, open_one, done, left_behind, other = old_plan
    updates_before = ProgressUpdate.objects.filter(action=open_one).count()

    new_plan = plan_refresh(
        plan=plan,
        title="Plan 2026-28",
        start_date=dt.date(2026, 4, 1),
        actions=[open_one, other],
        refreshed_by=manager,
    )

    assert new_plan.carried_from == plan
    assert new_plan.status == Plan.State.DRAFT
    assert new_plan.owner_board == "Improvement Board"
    assert set(new_plan.inspections.all()) == set(plan.inspections.all())
    assert [(p.number, p.title) for p in new_plan.priorities.order_by("number")] == [
        (1, "Front door"),
        (2, "Care leavers"),
    ]

    open_one.refresh_from_db()
    copy = open_one.carried_to
    assert copy.priority.plan == new_plan
    assert copy.reference == "1.1"
    assert copy.description == open_one.description
    assert set(copy.lead_officers.all()) == set(open_one.lead_officers.all())
    assert set(copy.recommendations.all()) == set(open_one.recommendations.all())
    assert (copy.lead_names, copy.lead_team) == ("Named Nurse", open_one.lead_team)
    assert (copy.original_target_date, copy.target_date) == (
        dt.date(2026, 6, 30),
        dt.date(2026, 9, 30),
    )
    # The copy starts where the original had got to, and says where it came from.
    assert (copy.declared_status, copy.percent_complete) == (Status.AT_RISK, 50)
    assert "Carried over from action 1.1 in Plan 2024-26" in copy.updates.get().narrative
    assert list(copy.carried_from.all()) == [open_one]

    # The original is closed with the reason, and keeps every earlier update.
    assert open_one.declared_status == Status.CLOSED
    assert open_one.closed_reason == "Carried over to Plan 2026-28"
    assert ProgressUpdate.objects.filter(action=open_one).count() == updates_before + 1
    assert open_one.history.filter(carried_to=copy).exists()

    left_behind.refresh_from_db()
    done.refresh_from_db()
    assert left_behind.declared_status == Status.NOT_STARTED and left_behind.carried_to is None
    assert done.declared_status == Status.COMPLETE
    assert Action.objects.filter(priority__plan=new_plan).count() == 2


def test_finished_actions_cannot_be_carried(old_plan, manager):
    plan, _, done, _, _ = old_plan
    with pytest.raises(ValidationError):
        plan_refresh(
            plan=plan,
            title="New",
            start_date=dt.date(2026, 4, 1),
            actions=[done],
            refreshed_by=manager,
        )
    assert not Plan.objects.filter(title="New").exists()


def test_refresh_page_lists_open_actions_ticked_and_creates_the_plan(client, old_plan, manager):
    plan, open_one, done, left_behind, other = old_plan
    url = reverse("plan_refresh", args=[plan.pk])
    client.force_login(manager)

    form = client.get(url).context["form"]
    assert set(form.fields["actions"].queryset) == {open_one, left_behind, other}
    assert set(form.initial["actions"]) == {open_one, left_behind, other}

    response = client.post(
        url,
        {
            "title": "Plan 2026-28",
            "start_date_0": "1",
            "start_date_1": "4",
            "start_date_2": "2026",
            "actions": [open_one.pk],
        },
    )
    new_plan = Plan.objects.get(title="Plan 2026-28")
    assert response.status_code == 302
    assert response["Location"] == reverse("plan_detail", args=[new_plan.pk])

    # Both action pages link to each other.
    open_one.refresh_from_db()
    copy_page = client.get(reverse("action_detail", args=[open_one.carried_to.pk])).content
    old_page = client.get(reverse("action_detail", args=[open_one.pk])).content.decode()
    assert reverse("action_detail", args=[open_one.pk]).encode() in copy_page
    assert "Carried over to Plan 2026-28" in old_page
    assert reverse("action_detail", args=[open_one.carried_to.pk]) in old_page
    # And the plans to each other.
    old_plan_page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert reverse("plan_detail", args=[new_plan.pk]) in old_plan_page


def test_refresh_form_needs_a_title_and_a_real_date(client, old_plan, manager):
    plan = old_plan[0]
    client.force_login(manager)
    response = client.post(
        reverse("plan_refresh", args=[plan.pk]),
        {"title": "", "start_date_0": "31", "start_date_1": "2", "start_date_2": "2026"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a title for the new plan" in page
    assert "The date the new plan starts must be a real date" in page
    assert Plan.objects.count() == 1
