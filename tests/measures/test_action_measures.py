"""From an action's page a plan manager links and unlinks measures; the measure's history
records it, and a colleague's open edit of that measure is refused, not left to undo it."""

import pytest
from django.urls import reverse

from core import roles
from measures.services.action_links import action_measures_set
from tests import factories
from tests.queries import assert_flat_queries

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
    url = reverse("action_measures", args=[action.pk])
    response = client.post(f"{url}?q={added.reference}", {"measures": [kept.pk, added.pk]})
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


def _offered(response) -> set:
    return {measure.reference for measure in response.context["form"].fields["measures"].queryset}


def test_the_page_offers_the_priority_s_measures_and_the_linked_ones_not_the_register(
    client, manager
):
    action = factories.ActionFactory()
    factories.MeasureFactory(reference="M-PRI", priorities=[action.priority])
    factories.MeasureFactory(reference="M-LNK", actions=[action])
    factories.MeasureFactory(reference="M-OTHER", title="Caseloads")
    client.force_login(manager)
    url = reverse("action_measures", args=[action.pk])
    response = client.get(url)
    assert _offered(response) == {"M-PRI", "M-LNK"}
    page = response.content.decode()
    assert "M-OTHER" not in page and "Find a measure by its reference or title" in page
    assert "Caseloads" not in page


def test_a_search_adds_its_measures_and_a_tick_from_it_is_saved(client, manager):
    action = factories.ActionFactory()
    linked = factories.MeasureFactory(reference="M-LNK", actions=[action])
    wanted = factories.MeasureFactory(reference="CSC40", title="Average caseload")
    factories.MeasureFactory(reference="CSC41", title="Agency staff")
    client.force_login(manager)
    url = reverse("action_measures", args=[action.pk])
    response = client.get(url, {"q": "  CASELOAD "})
    assert _offered(response) == {"M-LNK", "CSC40"}
    assert "1 measure matches “CASELOAD”, in the list below." in response.content.decode()
    saved = client.post(f"{url}?q=caseload", {"measures": [linked.pk, wanted.pk]})
    assert saved.status_code == 302
    assert set(action.measures.all()) == {linked, wanted}


def test_a_search_with_many_matches_lists_the_first_and_says_how_many(client, manager):
    from measures.forms_edit import FOUND_LIMIT

    action = factories.ActionFactory()
    for n in range(FOUND_LIMIT + 2):
        factories.MeasureFactory(reference=f"R{n:03}", title="Re-referrals")
    client.force_login(manager)
    url = reverse("action_measures", args=[action.pk])
    response = client.get(url, {"q": "re-referrals"})
    assert len(_offered(response)) == FOUND_LIMIT
    page = response.content.decode()
    assert f"{FOUND_LIMIT + 2} measures match “re-referrals”: the first {FOUND_LIMIT}" in page
    nothing = client.get(url, {"q": "x" * 500}).content.decode()
    assert "No measure matches “" + "x" * 100 + "”" in nothing


def test_with_nothing_to_offer_the_page_says_so_and_a_ticked_unoffered_measure_is_refused(
    client, manager
):
    action = factories.ActionFactory()
    other = factories.MeasureFactory()
    client.force_login(manager)
    url = reverse("action_measures", args=[action.pk])
    page = client.get(url).content.decode()
    assert "No measure is linked to this action's priority" in page
    response = client.post(url, {"measures": [other.pk]})
    assert response.status_code == 200 and not action.measures.exists()


def test_the_page_s_queries_stay_flat_as_the_register_grows(client, manager):
    action = factories.ActionFactory()
    factories.MeasureFactory(priorities=[action.priority], actions=[action])
    client.force_login(manager)
    url = reverse("action_measures", args=[action.pk])

    def grow():
        for _ in range(5):
            factories.MeasureFactory(priorities=[action.priority], actions=[action])
            factories.MeasureFactory(title="Unrelated caseload")

    assert_flat_queries(lambda u: client.get(u, {"q": "caseload"}), url, grow=grow, warm=True)
