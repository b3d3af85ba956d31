"""From an action's page a plan manager links and unlinks measures; the measure's history
records it, and a colleague's open edit of that measure is refused, not left to undo it."""

import pytest
from django.urls import reverse

from core import roles
from measures.services.action_links import action_measures_set
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return factories.UserFactory(roles=[roles.PLAN_MANAGER])


def test_a_manager_links_and_unlinks_measures_from_the_action(client, manager):
    action = factories.ActionFactory()
    kept = factories.MeasureFactory(actions=[action])
    dropped = factories.MeasureFactory(actions=[action])
    added = factories.MeasureFactory()
    client.force_login(manager)
    page = client.get(action.get_absolute_url()).content.decode()
    assert reverse("action_measures", args=[action.pk]) in page
    response = client.post(
        reverse("action_measures", args=[action.pk]), {"measures": [kept.pk, added.pk]}
    )
    assert response.status_code == 302
    assert set(action.measures.all()) == {kept, added}
    added.refresh_from_db()
    assert added.version == 2
    latest = added.history.order_by("-history_date", "-history_id").first()
    assert [row.action_id for row in latest.actions.all()] == [action.pk]
    dropped.refresh_from_db()
    assert dropped.version == 2 and not dropped.actions.exists()
    kept.refresh_from_db()
    assert kept.version == 1


def test_a_measure_edit_opened_before_the_link_is_refused(client, manager):
    action = factories.ActionFactory()
    measure = factories.MeasureFactory()
    stale = measure.version
    action_measures_set(action=action, measures=[measure])
    client.force_login(manager)
    response = client.post(
        reverse("measure_edit", args=[measure.pk]),
        {
            "reference": measure.reference,
            "title": measure.title,
            "unit": measure.unit,
            "decimal_places": measure.decimal_places,
            "polarity": measure.polarity,
            "frequency": measure.frequency,
            "data_source": measure.data_source,
            "reporting_lag_days": measure.reporting_lag_days,
            "version": stale,
        },
    )
    assert response.status_code == 200 and response.context["conflict"]
    assert list(measure.actions.all()) == [action]


def test_an_unknown_measure_is_refused_beside_the_field(client, manager):
    action = factories.ActionFactory()
    client.force_login(manager)
    response = client.post(reverse("action_measures", args=[action.pk]), {"measures": [9999]})
    assert response.status_code == 200
    assert "Choose measures from the list" in " ".join(response.context["form"].errors["measures"])


@pytest.mark.parametrize("role", [roles.OFFICER, roles.SCRUTINY])
def test_others_see_no_link_and_may_not_link(client, role):
    action = factories.ActionFactory()
    measure = factories.MeasureFactory()
    client.force_login(factories.UserFactory(roles=[role]))
    page = client.get(action.get_absolute_url()).content.decode()
    assert reverse("action_measures", args=[action.pk]) not in page
    url = reverse("action_measures", args=[action.pk])
    assert client.post(url, {"measures": [measure.pk]}).status_code == 403
    assert not action.measures.exists()
