"""Two plan managers editing the same action or recommendation: the second save is refused,
shown what differs, keeps its input, and nothing is overwritten silently."""

import datetime as dt

import pytest
from django.urls import reverse

from core import roles
from core.editing import EditConflict
from improvement.models import Action, TargetDateChange
from improvement.services.plans import action_update
from recommendations.models import Recommendation
from recommendations.services import recommendation_update
from tests import factories


@pytest.fixture
def other_manager(db):
    return factories.UserFactory(full_name="Priya Planner", roles=[roles.PLAN_MANAGER])


def action_post_data(action, **changes):
    data = {
        "description": action.description,
        "intended_outcome": action.intended_outcome,
        "measure": action.measure,
        "timescale": action.timescale,
        "lead_officers": [lead.pk for lead in action.lead_officers.all()],
        "lead_names": action.lead_names,
        "lead_team": action.lead_team_id or "",
        "recommendations": [rec.pk for rec in action.recommendations.all()],
        "target_date_0": action.target_date.day,
        "target_date_1": action.target_date.month,
        "target_date_2": action.target_date.year,
        "date_reason": "",
        "version": action.version,
    }
    data.update(changes)
    return data


def edit_fields(action, **changes):
    fields = {
        "description": action.description,
        "intended_outcome": action.intended_outcome,
        "measure": action.measure,
        "timescale": action.timescale,
        "lead_names": action.lead_names,
        "lead_team": action.lead_team,
    }
    fields.update(changes)
    return fields


class TestActionService:
    def test_second_edit_from_the_same_version_is_refused_and_writes_nothing(
        self, manager, other_manager
    ):
        action = factories.ActionFactory(leads=[manager], measure="Monthly audit of 20 cases.")
        loaded = action.version

        action_update(
            action=action,
            version=loaded,
            edited_by=other_manager,
            fields=edit_fields(action, measure="Weekly audit of 10 cases."),
            lead_officers=[manager],
            recommendations=[],
        )
        with pytest.raises(EditConflict) as caught:
            action_update(
                action=action,
                version=loaded,
                edited_by=manager,
                fields=edit_fields(action, measure="Quarterly audit."),
                lead_officers=[manager],
                recommendations=[],
            )

        conflict = caught.value
        assert [(c.label, c.theirs, c.yours) for c in conflict.changes] == [
            ("Evidence of impact", "Weekly audit of 10 cases.", "Quarterly audit.")
        ]
        action.refresh_from_db()
        assert action.measure == "Weekly audit of 10 cases."
        assert action.version == loaded + 1

    def test_each_save_bumps_the_version_and_keeps_history(self, manager):
        action = factories.ActionFactory(leads=[manager])
        before = action.history.count()
        action_update(
            action=action,
            version=action.version,
            edited_by=manager,
            fields=edit_fields(action, timescale="Immediate"),
            lead_officers=[manager],
            recommendations=[],
        )
        action.refresh_from_db()
        assert action.version == 2
        assert action.timescale == "Immediate"
        assert action.history.count() > before

    def test_a_target_date_change_counts_as_a_save(self, manager):
        """A date moved through its own page also moves the version on, so a form loaded
        before it cannot silently put the old date back."""
        from improvement.services.actions import action_target_date_change

        action = factories.ActionFactory(leads=[manager])
        loaded = action.version
        action_target_date_change(
            action=action,
            new_date=action.target_date + dt.timedelta(days=30),
            reason="Recruitment delayed",
            changed_by=manager,
        )
        with pytest.raises(EditConflict) as caught:
            action_update(
                action=action,
                version=loaded,
                edited_by=manager,
                fields=edit_fields(action),
                lead_officers=[manager],
                recommendations=[],
            )
        assert [c.label for c in caught.value.changes] == ["Current target date"]


class TestActionEditPage:
    def test_second_manager_is_shown_what_changed_and_keeps_their_input(
        self, client, manager, other_manager
    ):
        action = factories.ActionFactory(leads=[manager], measure="Monthly audit of 20 cases.")
        url = reverse("action_edit", args=[action.pk])
        mine = action_post_data(action, measure="Audit every case in March.")

        client.force_login(other_manager)
        theirs = action_post_data(action, measure="Weekly audit of 10 cases.")
        assert client.post(url, theirs).status_code == 302

        client.force_login(manager)
        response = client.post(url, mine)

        assert response.status_code == 200
        page = response.content.decode()
        assert "Someone else saved first" in page
        assert "Priya Planner saved this action" in page
        assert "Evidence of impact" in page
        assert "Weekly audit of 10 cases." in page  # their value
        assert page.count("Audit every case in March.") >= 2  # in the table and still in the form
        action.refresh_from_db()
        assert action.measure == "Weekly audit of 10 cases."
        # The re-shown form now carries the saved version, so saving again is deliberate.
        assert response.context["form"]["version"].value() == str(action.version)

    def test_saving_again_after_seeing_the_conflict_replaces_their_version(
        self, client, manager, other_manager
    ):
        action = factories.ActionFactory(leads=[manager])
        url = reverse("action_edit", args=[action.pk])
        stale = action_post_data(action, measure="Mine")
        client.force_login(other_manager)
        client.post(url, action_post_data(action, measure="Theirs"))
        client.force_login(manager)
        refused = client.post(url, stale)
        retry = dict(stale, version=refused.context["form"]["version"].value())

        assert client.post(url, retry).status_code == 302
        action.refresh_from_db()
        assert action.measure == "Mine"

    def test_changing_the_target_date_on_edit_needs_a_reason_and_keeps_history(
        self, client, manager
    ):
        action = factories.ActionFactory(leads=[manager], target_date=dt.date(2026, 4, 5))
        url = reverse("action_edit", args=[action.pk])
        client.force_login(manager)
        moved = action_post_data(action, target_date_0=30, target_date_1=6, target_date_2=2026)

        response = client.post(url, moved)
        assert response.status_code == 200
        assert "Enter why the target date is changing" in response.content.decode()
        action.refresh_from_db()
        assert action.target_date == dt.date(2026, 4, 5)

        moved["date_reason"] = "Partner agencies asked for a longer pilot"
        assert client.post(url, moved).status_code == 302
        action.refresh_from_db()
        assert action.target_date == dt.date(2026, 6, 30)
        assert action.original_target_date == dt.date(2026, 4, 5)
        change = TargetDateChange.objects.get(action=action)
        assert (change.old_date, change.new_date) == (dt.date(2026, 4, 5), dt.date(2026, 6, 30))
        assert change.reason == "Partner agencies asked for a longer pilot"
        assert change.changed_by == manager


class TestRecommendation:
    def test_second_edit_is_refused_with_the_differences(self, manager):
        recommendation = factories.RecommendationFactory(theme="Front door")
        loaded = recommendation.version
        fields = {
            "inspection": recommendation.inspection,
            "reference": recommendation.reference,
            "text": recommendation.text,
            "theme": "Front door",
            "response": "accepted",
            "rejection_reason": "",
            "response_text": "",
            "response_date": None,
            "responsible_officer": None,
        }
        recommendation_update(
            recommendation=recommendation, version=loaded, fields={**fields, "theme": "MASH"}
        )
        with pytest.raises(EditConflict) as caught:
            recommendation_update(
                recommendation=recommendation,
                version=loaded,
                fields={**fields, "response": "noted", "responsible_officer": manager},
            )
        rows = {c.label: (c.theirs, c.yours) for c in caught.value.changes}
        assert rows == {
            "Theme": ("MASH", "Front door"),
            "Response": ("Accepted", "Noted"),
            "Responsible officer": ("(blank)", "Mina Manager"),
        }
        assert Recommendation.objects.get(pk=recommendation.pk).response == "accepted"

    def test_edit_page_refuses_a_stale_save(self, client, manager, other_manager):
        recommendation = factories.RecommendationFactory()
        url = reverse("recommendation_edit", args=[recommendation.pk])
        data = {
            "inspection": recommendation.inspection_id,
            "reference": recommendation.reference,
            "text": recommendation.text,
            "theme": "",
            "response": "accepted",
            "version": recommendation.version,
        }
        client.force_login(other_manager)
        assert client.post(url, dict(data, theme="Theirs")).status_code == 302
        client.force_login(manager)
        response = client.post(url, dict(data, theme="Mine"))
        page = response.content.decode()
        assert response.status_code == 200
        assert "Someone else saved first" in page
        assert "Theirs" in page and "Mine" in page
        assert Recommendation.objects.get(pk=recommendation.pk).theme == "Theirs"


def test_conditional_update_is_a_single_compare_and_set(manager):
    """The claim is one UPDATE ... WHERE version = N: exactly one of two claims wins."""
    from core.editing import claim_for_edit

    action = factories.ActionFactory()
    claim_for_edit(Action, pk=action.pk, version=1, submitted={})
    with pytest.raises(EditConflict):
        claim_for_edit(Action, pk=action.pk, version=1, submitted={})
    assert Action.objects.get(pk=action.pk).version == 2
