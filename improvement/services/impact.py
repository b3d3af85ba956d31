"""Recording whether a finished action's impact is evidenced (improvement/impact.py)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from improvement.impact import NOTE_REQUIRED_MESSAGE, Impact, can_judge, note_required
from improvement.models import Action
from improvement.panels import impact_movement
from improvement.rules import leads_action
from improvement.services.actions import _as, _locked, action_verify
from improvement.status import Status

IMPACT_FIELDS = [
    "impact",
    "impact_note",
    "impact_recorded_at",
    "impact_recorded_by",
    "impact_movement",
    "updated_at",
]


def impact_check(*, impact: str, note: str) -> None:
    """Refuse a judgement that is not one of the three, or lacks a note it needs."""
    if impact not in Impact.values:
        raise ValidationError({"impact": "Select whether the action's impact is evidenced"})
    if note_required(impact) and not note.strip():
        raise ValidationError({"impact_note": NOTE_REQUIRED_MESSAGE})


@transaction.atomic
def action_impact_record(
    *, action: Action, recorded_by, impact: str, note: str, at: datetime | None = None
) -> Action:
    """Judge a complete or verified action's impact, storing the linked measures' movement
    since it started as it reads now. A later judgement replaces an earlier one (the audit
    trail keeps both)."""
    impact_check(impact=impact, note=note)
    action = _locked(action)
    if not can_judge(action.declared_status):
        raise ValidationError(
            "Only a complete or verified action's impact can be judged; this one is "
            f"{Status(action.declared_status).label.lower()}"
        )
    if leads_action(recorded_by, action):
        raise PermissionDenied("You cannot judge the impact of an action you lead")
    at = at or timezone.now()
    action.impact = impact
    action.impact_note = note.strip()
    action.impact_recorded_at = at
    action.impact_recorded_by = recorded_by
    action.impact_movement = impact_movement(action, since=action.start_date)
    _as(action, recorded_by, at).save(update_fields=IMPACT_FIELDS)
    return action


@transaction.atomic
def action_verify_with_impact(
    *, action: Action, verifier, note: str, impact: str, impact_note: str
) -> Action:
    """Verify a completed action and judge its impact at the same moment: both or neither."""
    impact_check(impact=impact, note=impact_note)
    at = timezone.now()
    action = action_verify(action=action, verifier=verifier, note=note, at=at)
    return action_impact_record(
        action=action, recorded_by=verifier, impact=impact, note=impact_note, at=at
    )
