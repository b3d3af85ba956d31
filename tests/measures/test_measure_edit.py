"""Plan managers add and edit measures outside admin: form errors, links to the plan,
the version check against lost edits, and the history kept."""

import re

import pytest
from django.urls import reverse

from core import roles
from measures.models import Measure
from measures.services.measures import measure_update
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return factories.UserFactory(roles=[roles.PLAN_MANAGER], full_name="Pat Manager")


def form_data(**overrides) -> dict:
    data = {
        "reference": "CSC01",
        "title": "Re-referrals within 12 months",
        "definition": "Referrals within 12 months of a previous one.",
        "unit": "percentage",
        "decimal_places": "1",
        "polarity": "lower",
        "frequency": "monthly",
        "data_source": "local",
        "publication": "",
        "reporting_lag_days": "30",
        "lead_user": "",
        "lead_team": "",
    }
    data.update(overrides)
    return data


def test_a_manager_adds_a_measure_linked_to_the_plan(client, manager):
    lead = factories.UserFactory(roles=[roles.OFFICER])
    action = factories.ActionFactory()
    recommendation = factories.RecommendationFactory()
    client.force_login(manager)
    page = client.get(reverse("measure_list"))
    assert reverse("measure_create").encode() in page.content
    response = client.post(
        reverse("measure_create"),
        form_data(
            lead_user=str(lead.pk),
            priorities=[str(action.priority.pk)],
            actions=[str(action.pk)],  # not offered when adding: ignored
            recommendations=[str(recommendation.pk)],
        ),
    )
    measure = Measure.objects.get(reference="CSC01")
    assert response.status_code == 302
    assert response["Location"] == measure.get_absolute_url()
    assert measure.lead_user == lead
    assert not measure.actions.exists()
    assert list(measure.priorities.all()) == [action.priority]
    assert list(measure.recommendations.all()) == [recommendation]
    assert measure.history.filter(reference="CSC01").exists()


def test_actions_are_labelled_by_plan_and_reference(client, manager):
    action = factories.ActionFactory()
    measure = factories.MeasureFactory(priorities=[action.priority])
    client.force_login(manager)
    page = client.get(reverse("measure_edit", args=[measure.pk])).content.decode()
    assert f'<optgroup label="{action.priority.plan.title}">' in page
    assert f">{action.reference} " in page


def test_adding_a_measure_offers_no_actions_and_says_how_to_link_them(client, manager):
    factories.ActionFactory()
    client.force_login(manager)
    page = client.get(reverse("measure_create")).content.decode()
    assert 'name="actions"' not in page
    assert "Actions are linked once the measure is saved" in page


def test_editing_offers_the_actions_of_its_priorities_and_those_linked_only(client, manager):
    """The whole register would be a select of every action (13 MB at 100,000 actions)."""
    in_priority, linked, elsewhere = factories.ActionFactory.create_batch(3)
    measure = factories.MeasureFactory(priorities=[in_priority.priority], actions=[linked])
    client.force_login(manager)
    page = client.get(reverse("measure_edit", args=[measure.pk])).content.decode()
    offered = re.findall(
        r'<option value="(\d+)"', page.split('name="actions"')[1].split("</select>")[0]
    )
    assert sorted(map(int, offered)) == sorted([in_priority.pk, linked.pk])
    assert elsewhere.pk not in map(int, offered)
    response = client.post(
        reverse("measure_edit", args=[measure.pk]),
        form_data(
            priorities=[str(in_priority.priority.pk)],
            actions=[str(in_priority.pk), str(linked.pk)],
            version=str(measure.version),
        ),
    )
    assert response.status_code == 302
    assert set(measure.actions.all()) == {in_priority, linked}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reference": "CSC01"}, "reference", "Another measure already has this reference"),
        ({"reference": "csc01"}, "reference", "Another measure already has this reference"),
        ({"decimal_places": "7"}, "decimal_places", "whole number from 0 to 6"),
        ({"decimal_places": "-1"}, "decimal_places", "whole number from 0 to 6"),
        ({"decimal_places": "two"}, "decimal_places", "whole number from 0 to 6"),
        ({"title": ""}, "title", "Enter a title"),
        ({"publication": "Children in need"}, "publication", "Leave the publication blank"),
    ],
)
def test_bad_input_is_refused_beside_the_field(client, manager, overrides, field, message):
    factories.MeasureFactory(reference="CSC01")
    client.force_login(manager)
    data = form_data(**overrides)
    if field != "reference":
        data["reference"] = "CSC02"
    response = client.post(reverse("measure_create"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors.get(field, []))
    assert Measure.objects.count() == 1


def test_a_lead_person_and_a_lead_team_together_are_refused(client, manager):
    lead = factories.UserFactory(roles=[roles.OFFICER])
    team = factories.TeamFactory()
    client.force_login(manager)
    response = client.post(
        reverse("measure_create"), form_data(lead_user=str(lead.pk), lead_team=str(team.pk))
    )
    assert "not both" in " ".join(response.context["form"].errors["lead_team"])
    assert not Measure.objects.exists()


def test_a_manager_edits_a_measure_and_the_history_keeps_the_old_one(client, manager):
    action = factories.ActionFactory()
    measure = factories.MeasureFactory(
        reference="CSC01", title="Old title", priorities=[action.priority]
    )
    client.force_login(manager)
    detail = client.get(measure.get_absolute_url())
    assert reverse("measure_edit", args=[measure.pk]).encode() in detail.content
    response = client.post(
        reverse("measure_edit", args=[measure.pk]),
        form_data(
            title="New title",
            priorities=[str(action.priority.pk)],
            actions=[str(action.pk)],
            version=str(measure.version),
        ),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "New title"
    assert measure.version == 2
    assert list(measure.actions.all()) == [action]
    titles = [h.title for h in measure.history.order_by("history_date")]
    assert titles[0] == "Old title"
    assert titles[-1] == "New title"


def test_an_edit_to_a_stale_version_is_refused_and_shows_the_difference(client, manager):
    measure = factories.MeasureFactory(reference="CSC01", title="Old title")
    stale = measure.version
    measure_update(measure=measure, version=stale, fields={"title": "Colleague's title"}, links={})
    client.force_login(manager)
    response = client.post(
        reverse("measure_edit", args=[measure.pk]),
        form_data(title="My title", version=str(stale)),
    )
    assert response.status_code == 200
    assert response.context["conflict"] is not None
    page = response.content.decode()
    assert "Someone else saved first" in page
    assert "Colleague&#x27;s title" in page or "Colleague's title" in page
    measure.refresh_from_db()
    assert measure.title == "Colleague's title"
    # Saving again, having seen the difference, keeps the editor's version.
    again = client.post(
        reverse("measure_edit", args=[measure.pk]),
        form_data(title="My title", version=str(measure.version)),
    )
    assert again.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "My title"


@pytest.mark.parametrize("role", [roles.OFFICER, roles.SCRUTINY])
def test_others_may_not_add_or_edit(client, role):
    measure = factories.MeasureFactory()
    client.force_login(factories.UserFactory(roles=[role]))
    assert client.get(reverse("measure_create")).status_code == 403
    assert client.post(reverse("measure_edit", args=[measure.pk]), form_data()).status_code == 403
    page = client.get(measure.get_absolute_url()).content
    assert reverse("measure_edit", args=[measure.pk]).encode() not in page


def test_editing_a_measure_with_no_actions_in_its_priorities_says_how_to_link_them(client, manager):
    factories.ActionFactory()
    measure = factories.MeasureFactory()
    client.force_login(manager)
    page = client.get(reverse("measure_edit", args=[measure.pk])).content.decode()
    assert 'name="actions"' not in page
    assert "Actions are linked once the measure is saved" in page
