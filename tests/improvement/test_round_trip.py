"""Export a plan, import the file as a new plan: the same plan comes back (issue 4, item 6)."""

import datetime as dt

import pytest
from django.urls import reverse

from improvement.importing import EXPORT_HEADERS, TRACKING_HEADERS, parse_plan_file
from improvement.models import Action, Plan
from improvement.services.imports import plan_import
from improvement.status import Status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def original(officer, manager, fixed_today):
    fixed_today(dt.date(2026, 6, 1))
    alex = factories.UserFactory(full_name="Alex Lead")
    plan = factories.PlanFactory(title="Original plan")
    front = factories.PriorityFactory(plan=plan, number=1, title="Front door")
    care = factories.PriorityFactory(plan=plan, number=2, title="Children in care")
    ofsted = factories.InspectionFactory(title="Ofsted 2026")
    r1 = factories.RecommendationFactory(inspection=ofsted, reference="R1", text="First rec")
    r2 = factories.RecommendationFactory(inspection=ofsted, reference="R2", text="Second rec")
    d = dt.date
    specs = [
        # priority, order, description, leads, names, target, timescale, status, recommendations
        (front, 1, "=Strategy meetings", [officer], "", d(2026, 9, 30), "", "on_track", [r1]),
        (front, 2, "Protocol, out of hours", [officer, alex], "Named Nurse", None, "Ongoing",
         "not_started", []),
        (front, 3, "Threshold document", [], "Designated Doctor", d(2026, 3, 31), "3 months",
         "at_risk", [r1, r2]),
        (care, 1, "Recruit foster carers", [alex], "", d(2027, 1, 31), "", "off_track", []),
        (care, 2, "Health passports", [], "", d(2026, 5, 31), "", "complete", [r2]),
        (care, 3, "Old panel review", [alex], "", d(2026, 4, 30), "", "closed", []),
    ]  # fmt: skip
    for priority, order, text, leads, names, target, timescale, status, recs in specs:
        action = factories.ActionFactory(
            priority=priority,
            order=order,
            description=text,
            intended_outcome=f"Outcome of {text}",
            measure=f"Measure of {text}",
            leads=leads,
            lead_names=names,
            original_target_date=target,
            target_date=target,
            timescale=timescale,
            recommendations=recs,
        )
        if status != Status.NOT_STARTED:
            factories.ProgressUpdateFactory(
                action=action, status=status, narrative=f"Progress on {text}\nsecond line"
            )
            Action.objects.filter(pk=action.pk).update(declared_status=status)
    return plan


def snapshot(plan: Plan) -> dict:
    actions = (
        Action.objects.filter(priority__plan=plan)
        .order_by("priority__number", "order")
        .prefetch_related("lead_officers", "recommendations__inspection", "updates")
    )
    return {
        "priorities": [(p.number, p.title) for p in plan.priorities.order_by("number")],
        "actions": [
            {
                "reference": a.reference,
                "description": a.description,
                "outcome": a.intended_outcome,
                "measure": a.measure,
                "leads": sorted(u.full_name for u in a.lead_officers.all()),
                "lead_names": a.lead_names,
                "target_date": a.target_date,
                "timescale": a.timescale,
                "status": a.declared_status,
                "progress": [u.narrative for u in a.updates.all()][:1],
                "recommendations": sorted(
                    (r.inspection.title, r.reference, r.text) for r in a.recommendations.all()
                ),
            }
            for a in actions
        ],
    }


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_exported_plan_imports_as_the_same_plan(fmt, original, client, manager):
    client.force_login(manager)
    response = client.get(reverse(f"plan_export_{fmt}", args=[original.pk]))
    data = b"".join(response.streaming_content)

    result = parse_plan_file(data, f"export.{fmt}")
    assert result.ok, result.problems
    assert not result.warnings, result.warnings
    copy = plan_import(parse_result=result, user=manager, plan_title="Copy").plan

    assert copy.pk != original.pk
    ours, theirs = snapshot(copy), snapshot(original)
    assert ours["priorities"] == theirs["priorities"]
    assert len(ours["actions"]) == len(theirs["actions"])
    for mine, expected in zip(ours["actions"], theirs["actions"], strict=True):
        assert mine == expected
    # The recommendations were linked, not duplicated.
    assert copy.inspections.get().title == "Ofsted 2026"
    assert sum(len(a["recommendations"]) for a in snapshot(copy)["actions"]) == 4


def test_the_exports_tracking_columns_are_known_to_the_importer_and_left_alone():
    """Issue 18, item 3: the columns the export adds raise no warning and import nothing."""
    header = [*EXPORT_HEADERS.values(), *TRACKING_HEADERS.values()]
    row = ["1. Front door", "", "", "", "Hold strategy meetings", "", "", "", "", "", "", ""]
    row += ["7.3", "Another plan", "80", "01/06/2026", "01/01/2026", "4", "Front Door Team"]
    data = "\n".join(",".join(cells) for cells in (header, row)).encode()

    result = parse_plan_file(data, "export.csv")

    assert result.ok and not result.warnings, result.warnings
    assert set(result.columns) == set(EXPORT_HEADERS)
    assert result.rows[0].action == "Hold strategy meetings"
