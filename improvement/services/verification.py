"""Verifying a completed action, or returning it to its leads.

An auditor, or a plan manager who does not lead the action, checks the evidence behind an
action declared Complete. Either it is verified (services.actions.action_verify, re-exported
here) or it is returned with a reason: the leads are e-mailed and the action shows
"returned" until a lead posts a new update.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.notify import absolute_url, notify
from improvement.models import Action
from improvement.rules import leads_action
from improvement.services.actions import _locked, action_verify
from improvement.status import Status

__all__ = ["action_return", "action_verify", "action_leads_to_tell"]


def action_leads_to_tell(action: Action) -> list:
    """Who hears about a returned action: its named leads, or else its lead team's members."""
    leads = list(action.lead_officers.filter(is_active=True))
    if not leads and action.lead_team_id:
        leads = list(action.lead_team.members.filter(is_active=True))
    return leads


@transaction.atomic
def action_return(
    *, action: Action, returned_by, reason: str, at: datetime | None = None
) -> Action:
    """Send a completed action back to its leads, saying what is missing; e-mail them."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why you are returning the action"})
    action = _locked(action)
    if action.declared_status != Status.COMPLETE:
        raise ValidationError(
            "Only an action declared complete can be returned; this one is "
            f"{Status(action.declared_status).label.lower()}"
        )
    if action.is_returned:
        raise ValidationError(
            "This action has already been returned and no update has been posted since"
        )
    if leads_action(returned_by, action):
        raise PermissionDenied("You cannot return an action you lead")
    action.returned_at = at or timezone.now()
    action.returned_reason = reason.strip()
    action._history_user = returned_by
    action.save(update_fields=["returned_at", "returned_reason", "updated_at"])
    notify(
        recipients=action_leads_to_tell(action),
        subject=f"Action {action.reference} has been returned to you",
        template="emails/action_returned.txt",
        context={
            "action": action,
            "returned_by": returned_by,
            "reason": action.returned_reason,
            "action_url": absolute_url(action.get_absolute_url()),
        },
    )
    return action
