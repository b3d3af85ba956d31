"""Two plan managers editing the same plan or priority: the second save is refused, shown
what differs, keeps its input, and nothing is overwritten silently."""

import pytest
from django.urls import reverse

from core import roles
from core.editing import EditConflict
from improvement.models import Plan, Priority
from improvement.services.plans import plan_update, priority_update
from tests import factories


@pytest.fixture
def other_manager(db):
    return factories.UserFactory(full_name="Priya Planner", roles=[roles.PLAN_MANAGER])


def plan_form_data(plan, *, version, **changes):
    data = {
        "version": version,
        "title": plan.title,
        "description": plan.description,
        "owner_board": plan.owner_board,
        "status": plan.status,
        "start_date_0": plan.start_date.day,
        "start_date_1": plan.start_date.month,
        "start_date_2": plan.start_date.year,
        "update_cycle_days": plan.update_cycle_days,
    }
    data.update(changes)
    return data


def test_a_stale_plan_form_cannot_overwrite_a_colleagues_description(
    client, manager, other_manager
):
    plan = factories.PlanFactory(title="Plan 2026", description="Our plan.")
    url = reverse("plan_edit", args=[plan.pk])
    client.force_login(manager)
    assert client.get(url).status_code == 200
    stale = plan_form_data(plan, version=1)  # what A's open form holds

    client.force_login(other_manager)
    saved = client.post(url, plan_form_data(plan, version=1, description="Agreed by the board."))
    assert saved.status_code == 302

    client.force_login(manager)
    response = client.post(url, {**stale, "title": "Plan 2026-27"})

    plan.refresh_from_db()
    assert (plan.title, plan.description, plan.version) == (
        "Plan 2026",
        "Agreed by the board.",
        2,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Priya Planner saved this plan" in page
    assert "Agreed by the board." in page and "Our plan." in page  # theirs and yours
    assert 'value="Plan 2026-27"' in page
    assert 'name="version" value="2"' in page


def test_plan_service_refuses_an_old_version(db):
    inspection = factories.InspectionFactory(title="ILACS 2026")
    plan = factories.PlanFactory(description="Our plan.")
    fields = {"title": plan.title, "start_date": plan.start_date, "status": plan.status}
    plan_update(plan=plan, version=1, fields={**fields, "description": "Theirs"})
    with pytest.raises(EditConflict) as caught:
        plan_update(
            plan=plan,
            version=1,
            fields={**fields, "description": "Mine"},
            inspections=[inspection],
        )
    assert [(c.label, c.theirs, c.yours) for c in caught.value.changes] == [
        ("Description", "Theirs", "Mine"),
        ("Inspections", "(none)", "ILACS 2026"),
    ]
    saved = Plan.objects.get(pk=plan.pk)
    assert (saved.description, saved.version, list(saved.inspections.all())) == ("Theirs", 2, [])


def test_a_stale_priority_form_cannot_overwrite_a_colleagues_title(client, manager, other_manager):
    priority = factories.PriorityFactory(title="Front door")
    url = reverse("priority_edit", args=[priority.pk])
    client.force_login(manager)
    assert 'name="version" value="1"' in client.get(url).content.decode()

    client.force_login(other_manager)
    saved = client.post(url, {"title": "Front door and MASH", "version": 1})
    assert saved.status_code == 302

    client.force_login(manager)
    response = client.post(url, {"title": "Front-door", "version": 1})

    priority.refresh_from_db()
    assert (priority.title, priority.version) == ("Front door and MASH", 2)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Priya Planner saved this priority" in page
    assert "Front door and MASH" in page
    assert 'value="Front-door"' in page
    assert 'name="version" value="2"' in page

    response = client.post(url, {"title": "Front-door", "version": 2})
    assert response.status_code == 302
    assert Priority.objects.get(pk=priority.pk).title == "Front-door"


def test_priority_service_refuses_an_old_version(db):
    priority = factories.PriorityFactory(title="Workforce")
    priority_update(priority=priority, version=1, title="Workforce stability")
    with pytest.raises(EditConflict) as caught:
        priority_update(priority=priority, version=1, title="Workforce ")
    assert [(c.label, c.theirs, c.yours) for c in caught.value.changes] == [
        ("Title", "Workforce stability", "Workforce")
    ]
    assert Priority.objects.get(pk=priority.pk).title == "Workforce stability"


def test_a_priority_renamed_in_admin_moves_its_version_on(admin_client):
    priority = factories.PriorityFactory(title="Front door")
    response = admin_client.post(
        reverse("admin:improvement_priority_change", args=[priority.pk]),
        {"plan": priority.plan.pk, "number": priority.number, "title": "MASH", "_save": "1"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    priority.refresh_from_db()
    assert (priority.title, priority.version) == ("MASH", 2)
    page = admin_client.get(reverse("admin:improvement_priority_change", args=[priority.pk]))
    assert "version" not in page.context["adminform"].form.fields  # shown, never typed
