"""An action's own history page: the trail of the action and what hangs off it."""

import pytest
from django.urls import reverse

from improvement.selectors.history import action_scopes
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_actions_history_shows_its_updates_evidence_dates_and_challenges_only(
    client, officer, auditor
):
    action = factories.ActionFactory(leads=[officer])
    update = factories.ProgressUpdateFactory(action=action, author=officer)
    factories.EvidenceFactory(update=update)
    factories.TargetDateChangeFactory(action=action)
    factories.DateChangeRequestFactory(action=action)
    factories.ChallengeFactory(action=action)
    factories.ChallengeFactory()  # another action's: not shown
    client.force_login(officer)

    response = client.get(reverse("action_history", args=[action.pk]))

    assert response.status_code == 200
    kinds = {entry.source_key for entry in response.context["page"].entries}
    assert kinds == set(action_scopes(action.pk))
    assert all(
        entry.record_url == reverse("action_detail", args=[action.pk])
        for entry in response.context["page"].entries
    )


def test_an_officer_who_does_not_lead_the_action_cannot_read_its_history(client, officer):
    action = factories.ActionFactory()
    client.force_login(officer)
    assert client.get(reverse("action_history", args=[action.pk])).status_code == 403
