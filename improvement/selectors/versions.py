"""Plan versions: the frozen snapshot of a plan, and the reads of the sign-off pages.

`plan_snapshot` is the whole plan as it stands (every action, confidential ones marked),
made into canonical JSON whose SHA-256 the version keeps. Pages read a version only from
its snapshot, never from the live plan; `frozen_priorities` leaves out the actions a
reader may not see (confidential-only actions for scrutiny members).
"""

import hashlib
import json
from datetime import date

from django.db.models import Prefetch, QuerySet

from core.roles import can_read_confidential
from improvement.models import Action, Plan, PlanVersion, Priority, SignOff

SNAPSHOT_FORMAT = 1


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _action_snapshot(action: Action) -> dict:
    return {
        "reference": action.reference,
        "description": action.description,
        "intended_outcome": action.intended_outcome,
        "measure": action.measure,
        "timescale": action.timescale,
        "lead_officers": [person.full_name for person in action.lead_officers.all()],
        "lead_names": action.lead_names,
        "lead_team": str(action.lead_team) if action.lead_team else "",
        "recommendations": [rec.reference for rec in action.recommendations.all()],
        "original_target_date": _day(action.original_target_date),
        "target_date": _day(action.target_date),
        "declared_status": action.declared_status,
        "status_label": action.status_label,
        "confidential": action.is_confidential_only,
    }


def plan_snapshot(plan: Plan) -> dict:
    """The plan's text, priorities and actions as they stand now, as plain JSON data."""
    actions = (
        Action.objects.select_related("lead_team__organisation", "priority")
        .prefetch_related("lead_officers", "recommendations")
        .order_by("order", "pk")
    )
    priorities = (
        Priority.objects.filter(plan=plan)
        .order_by("number")
        .prefetch_related(Prefetch("actions", queryset=actions))
    )
    return {
        "format": SNAPSHOT_FORMAT,
        "plan": {
            "title": plan.title,
            "description": plan.description,
            "owner_board": plan.owner_board,
            "status": plan.status,
            "start_date": _day(plan.start_date),
            "end_date": _day(plan.end_date),
            "inspections": [str(inspection) for inspection in plan.inspections.all()],
        },
        "priorities": [
            {
                "number": priority.number,
                "title": priority.title,
                "actions": [_action_snapshot(action) for action in priority.actions.all()],
            }
            for priority in priorities
        ],
    }


def canonical_json(snapshot: dict) -> bytes:
    """One byte string per snapshot: sorted keys, no spaces, UTF-8."""
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def snapshot_sha256(snapshot: dict) -> str:
    return hashlib.sha256(canonical_json(snapshot)).hexdigest()


def _as_read(action: dict) -> dict:
    """A frozen action with its dates as dates again, for the page to format."""
    days = ("target_date", "original_target_date")
    return {
        **action,
        **{name: date.fromisoformat(action[name]) for name in days if action.get(name)},
    }


def frozen_priorities(user, version: PlanVersion) -> list[dict]:
    """The version's priorities and actions as they stood, without the actions the user may
    not read (confidential-only ones, for those who may not read confidential items)."""
    shows_confidential = can_read_confidential(user)
    return [
        {
            **priority,
            "actions": [
                _as_read(action)
                for action in priority["actions"]
                if shows_confidential or not action.get("confidential")
            ],
        }
        for priority in version.snapshot.get("priorities", [])
    ]


def _with_sign_offs(queryset: QuerySet[PlanVersion]) -> QuerySet[PlanVersion]:
    return queryset.select_related("plan", "submitted_by").prefetch_related(
        Prefetch("sign_offs", queryset=SignOff.objects.select_related("approver").order_by("pk"))
    )


def plan_versions(user, plan: Plan) -> QuerySet[PlanVersion]:
    """The plan's versions, newest first, each with its approvers' decisions."""
    return _with_sign_offs(
        PlanVersion.objects.visible_to(user).filter(plan=plan).order_by("-number")
    ).defer("snapshot")


def version_detail(user, pk: int) -> PlanVersion:
    """One version the user may read, with its decisions; DoesNotExist otherwise."""
    return _with_sign_offs(PlanVersion.objects.visible_to(user)).get(pk=pk)


def awaiting_version(plan: Plan) -> PlanVersion | None:
    return plan.versions.filter(state=PlanVersion.State.AWAITING).first()


def waiting_for_sign_off(user) -> QuerySet[SignOff]:
    """The decisions the user still owes, oldest version first (home page)."""
    return (
        SignOff.objects.waiting_for(user)
        .filter(version__in=PlanVersion.objects.visible_to(user))
        .select_related("version__plan", "version__submitted_by")
        .defer("version__snapshot")
        .order_by("version__submitted_at", "pk")
    )


def approved_versions_by_plan(plan_ids) -> dict[int, PlanVersion]:
    """Each plan's latest approved version, by plan id, in one query."""
    versions = (
        PlanVersion.objects.filter(plan__in=plan_ids, state=PlanVersion.State.APPROVED)
        .order_by("plan", "-approved_on", "-number")
        .defer("snapshot")
    )
    latest: dict[int, PlanVersion] = {}
    for version in versions:
        latest.setdefault(version.plan_id, version)
    return latest
