"""Validation of the plan manager's forms: GOV.UK messages, beside the field they are about."""

import datetime as dt

import pytest
from django.urls import reverse

from improvement.forms.actions import ActionCloseForm, ActionEditForm, ActionForm
from improvement.forms.date_decisions import DateDecisionForm, TargetDateChangeForm
from improvement.forms.plans import PlanForm, PriorityForm
from improvement.models import Plan
from improvement.status import Status
from tests import factories


def date_parts(name, day, month, year):
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


PLAN = {
    "title": "Improvement plan 2026-28",
    "owner_board": "Improvement Board",
    "status": "draft",
    "update_cycle_days": "30",
    **date_parts("start_date", "1", "4", "2026"),
}


class TestPlanForm:
    def test_a_complete_plan_is_valid(self, db):
        form = PlanForm(PLAN)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["start_date"] == dt.date(2026, 4, 1)

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"title": ""}, "title", "Enter a plan title"),
            ({"owner_board": ""}, "owner_board", "Enter the board that owns the plan"),
            ({"status": ""}, "status", "Select a status"),
            ({"update_cycle_days": "0"}, "update_cycle_days", "between 1 and 365 days"),
            ({"update_cycle_days": "a month"}, "update_cycle_days", "whole number of days"),
            (date_parts("start_date", "", "", ""), "start_date", "Enter the date the plan starts"),
            (date_parts("start_date", "1", "", "2026"), "start_date", "must include a month"),
            (date_parts("start_date", "30", "2", "2026"), "start_date", "must be a real date"),
            (date_parts("start_date", "1", "4", "26"), "start_date", "a year with 4 numbers"),
            (date_parts("start_date", "x", "4", "2026"), "start_date", "must be a real date"),
            (date_parts("end_date", "1", "3", "2026"), "end_date", "same as or after the start"),
        ],
    )
    def test_each_mistake_gets_its_message_on_its_field(self, db, changes, field, message):
        form = PlanForm({**PLAN, **changes})
        assert not form.is_valid()
        assert any(message in error for error in form.errors[field]), form.errors

    def test_the_approval_date_is_not_typed_on_the_form(self, db):
        """Only an approved plan version sets it (improvement/services/sign_off.py)."""
        assert "approved_on" not in PlanForm().fields
        form = PlanForm({**PLAN, **date_parts("approved_on", "1", "3", "2026")})
        assert form.is_valid(), form.errors
        assert "approved_on" not in form.cleaned_data

    def test_errors_render_beside_the_field_and_in_the_summary(self, client, manager):
        client.force_login(manager)
        response = client.post(
            reverse("plan_create"), {**PLAN, "title": "", **date_parts("start_date", "", "", "")}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "<title>Error: Create a plan" in page
        assert '<a href="#id_title">Enter a plan title</a>' in page
        assert '<span id="id_title_1_error" class="govuk-error-message">' in page
        assert '<a href="#id_start_date_0">Enter the date the plan starts</a>' in page
        assert "govuk-input--error" in page  # each part of the date input is marked
        assert not Plan.objects.exists()


class TestPriorityForm:
    def test_priority_title_is_required(self, db):
        form = PriorityForm({"title": ""})
        assert form.errors["title"] == ["Enter the priority"]


@pytest.fixture
def plan(db):
    return factories.PlanFactory()


class TestActionForm:
    def test_action_and_a_lead_are_needed(self, plan):
        form = ActionForm({"description": ""}, plan=plan)
        assert form.errors["description"] == ["Enter the action"]
        form = ActionForm({"description": "Audit plans"}, plan=plan)
        assert form.errors["lead_officers"] == [
            "Select a lead officer, or enter another lead or team"
        ]

    def test_lead_names_alone_are_enough(self, plan):
        form = ActionForm({"description": "Audit plans", "lead_names": "Named Nurse"}, plan=plan)
        assert form.is_valid(), form.errors

    def test_recommendations_offered_are_those_of_the_plans_inspections(self, plan):
        answered = factories.RecommendationFactory()
        factories.RecommendationFactory()  # from an inspection the plan does not answer
        plan.inspections.add(answered.inspection)
        form = ActionForm(plan=plan)
        assert list(form.fields["recommendations"].queryset) == [answered]

    def test_moving_the_target_date_on_edit_needs_a_reason(self, plan, officer):
        action = factories.ActionFactory(priority__plan=plan, leads=[officer])
        data = {
            "description": action.description,
            "lead_officers": [officer.pk],
            "version": action.version,
            **date_parts("target_date", "1", "1", "2027"),
        }
        form = ActionEditForm(data, instance=action, plan=plan)
        assert form.errors["date_reason"] == ["Enter why the target date is changing"]

        cleared = {**data, **date_parts("target_date", "", "", "")}
        form = ActionEditForm(cleared, instance=action, plan=plan)
        assert form.errors["target_date"] == ["Enter a target date"]

        unchanged = {**data, **date_parts("target_date", *_parts(action.target_date))}
        assert ActionEditForm(unchanged, instance=action, plan=plan).is_valid()


def _parts(day):
    return str(day.day), str(day.month), str(day.year)


class TestActionCloseAndDateForms:
    def test_close_needs_a_reason_and_a_kind(self, db):
        action = factories.ActionFactory()
        form = ActionCloseForm({}, action=action)
        assert form.errors["reason"] == ["Enter why the action is being closed"]
        assert form.errors["kind"] == ["Select whether the action is closed or withdrawn"]
        form = ActionCloseForm(
            {"kind": "withdrawn", "reason": "Service recommissioned"}, action=action
        )
        assert form.is_valid()
        assert form.full_reason == "Withdrawn: Service recommissioned"

    def test_a_closed_action_cannot_be_closed_again(self, db):
        action = factories.ActionFactory(declared_status=Status.CLOSED)
        form = ActionCloseForm({"kind": "closed", "reason": "Again"}, action=action)
        assert form.non_field_errors() == ["This action is already closed"]

    def test_new_target_date_must_differ_and_have_a_reason(self, db):
        action = factories.ActionFactory()
        form = TargetDateChangeForm(
            {**date_parts("new_date", *_parts(action.target_date))}, action=action
        )
        assert form.errors["new_date"] == ["Enter a date different from the current target date"]
        assert form.errors["reason"] == ["Enter why the target date is changing"]

    def test_decision_needs_a_choice_and_a_reason_to_decline(self, db):
        date_request = factories.DateChangeRequestFactory()
        assert DateDecisionForm({}, date_request=date_request).errors["decision"] == [
            "Select whether you approve or decline the request"
        ]
        form = DateDecisionForm({"decision": "decline"}, date_request=date_request)
        assert form.errors["reason"] == ["Enter why you are declining the request"]
        assert DateDecisionForm({"decision": "approve"}, date_request=date_request).is_valid()
