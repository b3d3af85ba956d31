"""The records a blueprint describes: the plan, priorities, sources and recommendations,
and the (unsaved) actions with their first updates, one per row."""

from __future__ import annotations

from datetime import datetime

from improvement.models import Action, Plan, Priority, ProgressUpdate
from improvement.services.imports.blueprint import Blueprint
from improvement.services.imports.updates import first_update, has_update
from improvement.status import today
from inspections.models import Inspection
from recommendations.models import Recommendation

LEAD_NAMES_LIMIT = Action._meta.get_field("lead_names").max_length


def plan_create(blueprint: Blueprint, *, filename: str) -> Plan:
    return Plan.objects.create(
        title=blueprint.plan_title[:300],
        start_date=today(),
        description=f"Imported from {filename}." if filename else "",
    )


def priorities_create(
    plan: Plan, blueprint: Blueprint, *, user, reason: str
) -> dict[int, Priority]:
    """The plan's priorities by number: those it had (renamed where chosen) and those the
    file adds."""
    priorities = dict(blueprint.existing_priorities)
    for number, title in sorted(blueprint.priorities.renamed.items()):
        priority = priorities[number]
        priority.title = title[:300]
        priority.version += 1  # a rename form opened before the import is then refused
        if user is not None:
            priority._history_user = user
        priority._change_reason = reason
        priority.save(update_fields=["title", "version"])
    for number, title in sorted(blueprint.new_priorities.items()):
        priorities[number] = Priority.objects.create(plan=plan, number=number, title=title)
    return priorities


def recommendations_create(plan: Plan, blueprint: Blueprint) -> None:
    """New sources and recommendations, every source linked to the plan."""
    inspections = dict(blueprint.inspections)
    for key, title in blueprint.new_inspections.items():
        inspections[key] = Inspection.objects.create(
            kind=Inspection.Kind.OTHER,
            title=title,
            body="Not recorded: imported with a plan",
            start_date=today(),
        )
    if inspections:
        plan.inspections.add(*inspections.values())
    for new in blueprint.new_recommendations.values():
        new.instance = Recommendation.objects.create(
            inspection=inspections[new.source],
            reference=new.reference[:50],
            text=new.text or f"Recommendation {new.reference}: text not given in the imported plan",
        )


def unsaved_actions(
    blueprint: Blueprint, priorities: dict[int, Priority], *, filename: str, at: datetime
) -> tuple[list[Action], list[ProgressUpdate | None]]:
    """One action per row, and its first update (None where the row records none)."""
    actions, updates = [], []
    for planned in blueprint.actions:
        row = planned.row
        action = Action(
            priority=priorities[planned.priority],
            order=planned.order,
            description=row.action,
            intended_outcome=row.outcome,
            measure=row.measure,
            timescale=row.timescale,
            lead_names=_joined(planned.lead_names),
            original_target_date=row.target_date,
            target_date=row.target_date,
            created_at=at,
        )
        update = first_update(action, row, filename=filename, at=at) if has_update(row) else None
        actions.append(action)
        updates.append(update)
    return actions, updates


def _joined(names: list[str]) -> str:
    """Leads who are not users, as one line. Without the spaces if that is needed to fit:
    the names came from one cell of at most the field's length, with a separator each."""
    joined = "; ".join(names)
    return joined if len(joined) <= LEAD_NAMES_LIMIT else ";".join(names)[:LEAD_NAMES_LIMIT]
