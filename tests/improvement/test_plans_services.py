"""Writes to plans, priorities and actions, tested directly."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from improvement.models import TargetDateChange
from improvement.services.plans import (
    action_create,
    action_update,
    plan_create,
    priority_create,
    priority_move,
)
from tests import factories


def test_plan_is_created_with_the_inspections_it_answers(db):
    inspection = factories.InspectionFactory()
    plan = plan_create(
        fields={"title": "Plan", "start_date": dt.date(2026, 4, 1)}, inspections=[inspection]
    )
    assert list(plan.inspections.all()) == [inspection]
    with pytest.raises(ValidationError):
        plan_create(fields={"title": "", "start_date": dt.date(2026, 4, 1)})


def test_priorities_and_actions_are_added_at_the_end(db, officer):
    plan = factories.PlanFactory()
    first = priority_create(plan=plan, title="Front door")
    second = priority_create(plan=plan, title="  Care leavers ")
    assert (first.number, second.number, second.title) == (1, 2, "Care leavers")
    one = action_create(priority=second, fields={"description": "Audit"}, lead_officers=[officer])
    two = action_create(
        priority=second, fields={"description": "Train"}, target_date=dt.date(2026, 9, 1)
    )
    assert (one.reference, two.reference) == ("2.1", "2.2")
    assert two.original_target_date == two.target_date == dt.date(2026, 9, 1)
    assert list(one.lead_officers.all()) == [officer]


def test_moving_the_last_priority_down_changes_nothing(db):
    plan = factories.PlanFactory()
    only = priority_create(plan=plan, title="Only")
    assert priority_move(priority=only, direction="down").number == 1
    with pytest.raises(ValidationError):
        priority_move(priority=only, direction="sideways")


def test_action_update_never_moves_the_date_without_a_reason(db, manager):
    action = factories.ActionFactory(target_date=dt.date(2026, 4, 5))
    with pytest.raises(ValidationError):
        action_update(
            action=action,
            version=action.version,
            edited_by=manager,
            fields={},
            lead_officers=[],
            recommendations=[],
            target_date=dt.date(2026, 5, 5),
        )
    action.refresh_from_db()
    assert (action.target_date, action.version) == (dt.date(2026, 4, 5), 1)
    assert not TargetDateChange.objects.exists()
