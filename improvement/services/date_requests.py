"""Requests to move an action's target date. Deciding them is the plan managers' work."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import roles
from core.clock import today
from core.notify import absolute_url, notify
from improvement.models import Action, DateChangeRequest

ALREADY_PENDING = (
    "There is already a request to change this action's target date waiting for a decision. "
    "A plan manager must decide it before you can ask again"
)


def plan_managers():
    return get_user_model().objects.filter(groups__name=roles.PLAN_MANAGER, is_active=True)


@transaction.atomic
def date_change_request_create(
    *, action: Action, requested_by, new_date: date, reason: str
) -> DateChangeRequest:
    """Record an officer's request for a new target date and e-mail the plan managers."""
    if new_date is None or new_date <= today():
        raise ValidationError({"new_date": "The new target date must be in the future"})
    if new_date == action.target_date:
        raise ValidationError({"new_date": "Enter a date different from the current target date"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the target date needs to change"})
    if DateChangeRequest.objects.filter(
        action=action, state=DateChangeRequest.State.PENDING
    ).exists():
        raise ValidationError(ALREADY_PENDING)
    try:
        # A savepoint, so a request racing another on the same action fails cleanly.
        with transaction.atomic():
            request = DateChangeRequest.objects.create(
                action=action,
                requested_by=requested_by,
                requested_at=timezone.now(),
                new_date=new_date,
                reason=reason.strip(),
            )
    except IntegrityError as exc:
        raise ValidationError(ALREADY_PENDING) from exc
    notify(
        recipients=plan_managers(),
        subject=f"Action {action.reference}: request to move the target date",
        template="emails/date_change_requested.txt",
        context={
            "action": action,
            "request": request,
            "requested_by": requested_by,
            "action_url": absolute_url(action.get_absolute_url()),
        },
    )
    return request
