"""Writes plan managers make: plans, priorities, actions, date decisions and plan refresh.

Edits of plans, priorities and actions are version-checked (core.editing): one made to an
old version raises EditConflict.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core import notify
from core.editing import claim_for_edit
from improvement.models import Action, DateChangeRequest, Plan, Priority
from improvement.services import notices
from improvement.services.actions import (
    action_close,
    action_target_date_change,
    progress_update_post,
)
from improvement.status import DECLARABLE, DONE, Status

# --------------------------------------------------------------------------------------
# Plans and priorities
# --------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, fields: dict, inspections: Iterable = ()) -> Plan:
    """Create a plan from the form's fields and the inspections it answers."""
    plan = Plan(**fields)
    plan.full_clean()
    plan.save()
    plan.inspections.set(inspections)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, version: int, fields: dict, inspections: Iterable = ()) -> Plan:
    """Save an edit made to `version` of the plan, or raise EditConflict."""
    inspections = list(inspections)
    submitted = {**fields, "inspections": inspections}
    current = claim_for_edit(Plan, pk=plan.pk, version=version, submitted=submitted)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    current.inspections.set(inspections)
    return current


@transaction.atomic
def priority_create(*, plan: Plan, title: str) -> Priority:
    """Add a priority at the end of the plan."""
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    last = plan.priorities.aggregate(n=Max("number"))["n"] or 0
    priority = Priority(plan=plan, number=last + 1, title=title.strip())
    priority.full_clean()
    priority.save()
    return priority


@transaction.atomic
def priority_update(*, priority: Priority, version: int, title: str) -> Priority:
    """Rename a priority from the form loaded at `version`, or raise EditConflict."""
    title = title.strip()
    current = claim_for_edit(Priority, pk=priority.pk, version=version, submitted={"title": title})
    current.title = title
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def priority_move(*, priority: Priority, direction: str) -> Priority:
    """Swap a priority with its neighbour above or below; action references follow."""
    if direction not in ("up", "down"):
        raise ValidationError("Choose up or down")
    Plan.objects.select_for_update().filter(pk=priority.plan_id).first()
    priority = Priority.objects.get(pk=priority.pk)
    siblings = Priority.objects.filter(plan_id=priority.plan_id)
    if direction == "up":
        neighbour = siblings.filter(number__lt=priority.number).order_by("-number").first()
    else:
        neighbour = siblings.filter(number__gt=priority.number).order_by("number").first()
    if neighbour is None:
        return priority
    mine, theirs = priority.number, neighbour.number
    # Numbers are unique within a plan, so park one out of the way while swapping.
    priority.number = (siblings.aggregate(n=Max("number"))["n"] or 0) + 1
    priority.save(update_fields=["number"])
    neighbour.number = mine
    neighbour.save(update_fields=["number"])
    priority.number = theirs
    priority.save(update_fields=["number"])
    return priority


# --------------------------------------------------------------------------------------
# Actions
# --------------------------------------------------------------------------------------


def _next_order(priority: Priority) -> int:
    return (Action.objects.filter(priority=priority).aggregate(n=Max("order"))["n"] or 0) + 1


@transaction.atomic
def action_create(
    *,
    priority: Priority,
    fields: dict,
    target_date: date | None = None,
    lead_officers: Iterable = (),
    recommendations: Iterable = (),
    created_by=None,
) -> Action:
    """Add an action at the end of a priority; its first target date is also its original.

    With `created_by` (a person at the page, not the importer or the demo), its leads are
    told the action is assigned to them (services.notices)."""
    Priority.objects.select_for_update().filter(pk=priority.pk).first()
    action = Action(
        priority=priority,
        order=_next_order(priority),
        original_target_date=target_date,
        target_date=target_date,
        **fields,
    )
    action.full_clean()
    action.save()
    lead_officers = list(lead_officers)
    action.lead_officers.set(lead_officers)
    action.recommendations.set(recommendations)
    if created_by is not None:
        notices.tell_assigned(action, lead_officers, by=created_by)
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    version: int,
    edited_by,
    fields: dict,
    lead_officers: Iterable,
    recommendations: Iterable,
    target_date: date | None = None,
    date_reason: str = "",
) -> Action:
    """Save an edit made to `version` of the action, or raise EditConflict.

    A new target date is never set silently: it needs a reason and goes through
    action_target_date_change, so the old date and the reason stay in the history.
    """
    lead_officers, recommendations = list(lead_officers), list(recommendations)
    date_moves = target_date is not None and target_date != action.target_date
    if date_moves and not date_reason.strip():
        raise ValidationError({"date_reason": "Enter why the target date is changing"})
    submitted = {
        **fields,
        "lead_officers": lead_officers,
        "recommendations": recommendations,
        "target_date": target_date if target_date is not None else action.target_date,
    }
    current = claim_for_edit(Action, pk=action.pk, version=version, submitted=submitted)
    had = set(current.lead_officers.values_list("pk", flat=True))
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    current.lead_officers.set(lead_officers)
    current.recommendations.set(recommendations)
    added = [person for person in lead_officers if person.pk not in had]
    notices.tell_assigned(current, added, by=edited_by)
    if target_date is not None and target_date != current.target_date:
        action_target_date_change(
            action=current, new_date=target_date, reason=date_reason, changed_by=edited_by
        )
        current.refresh_from_db()
    return current


@transaction.atomic
def date_request_decide(
    *, date_request: DateChangeRequest, decided_by, approve: bool, reason: str = ""
) -> DateChangeRequest:
    """Approve (the action takes the new date, with the request's reason) or decline a
    request for a new target date; the person who asked is e-mailed either way."""
    date_request = DateChangeRequest.objects.select_for_update().get(pk=date_request.pk)
    if date_request.state != DateChangeRequest.State.PENDING:
        raise ValidationError("This request has already been decided")
    if not approve and not reason.strip():
        raise ValidationError({"reason": "Enter why you are declining the request"})
    action = date_request.action
    if approve and date_request.new_date != action.target_date:
        action_target_date_change(
            action=action,
            new_date=date_request.new_date,
            reason=date_request.reason,
            changed_by=decided_by,
            request=date_request,
        )
    date_request.state = (
        DateChangeRequest.State.APPROVED if approve else DateChangeRequest.State.DECLINED
    )
    date_request.decided_by = decided_by
    date_request.decided_at = timezone.now()
    date_request.decision_reason = reason.strip()
    date_request.save()
    if date_request.requested_by is not None:
        notify.notify(
            recipients=[date_request.requested_by],
            subject=(
                f"Your request for a new target date for action {action.reference} was "
                f"{'approved' if approve else 'declined'}"
            ),
            template="emails/date_request_decided.txt",
            context={
                "date_request": date_request,
                "action": action,
                "approved": approve,
                "decided_by": decided_by,
                "action_url": notify.absolute_url(action.get_absolute_url()),
            },
        )
    return date_request


# --------------------------------------------------------------------------------------
# Plan refresh
# --------------------------------------------------------------------------------------

COPIED_FIELDS = (
    "description",
    "intended_outcome",
    "measure",
    "timescale",
    "lead_names",
    "lead_team_id",
    "original_target_date",
    "target_date",
)


@transaction.atomic
def plan_refresh(
    *, plan: Plan, title: str, start_date: date, actions: Iterable[Action], refreshed_by
) -> Plan:
    """Start a new plan from an old one, carrying over the chosen open actions.

    The new plan copies the old one's details and the priorities of the carried actions
    (numbered afresh, in their old order). Each carried action is copied with its leads,
    recommendations and dates, starts with the old action's declared status, and the
    original is closed "Carried over to <new plan>" with `carried_to` pointing at the copy.
    The originals keep all their history.
    """
    chosen = list(
        Action.objects.select_for_update()
        .filter(pk__in=[action.pk for action in actions], priority__plan=plan)
        .select_related("priority__plan")
        .prefetch_related("lead_officers", "recommendations")
        .order_by("priority__number", "order")
    )
    if any(action.declared_status in DONE for action in chosen):
        raise ValidationError({"actions": "Select only open actions"})
    new_plan = _plan_copy(plan, title=title, start_date=start_date)
    new_priorities: dict[int, Priority] = {}
    orders: dict[int, int] = {}
    for old in chosen:
        priority = new_priorities.get(old.priority_id)
        if priority is None:
            priority = Priority.objects.create(
                plan=new_plan, number=len(new_priorities) + 1, title=old.priority.title
            )
            new_priorities[old.priority_id] = priority
        orders[priority.pk] = orders.get(priority.pk, 0) + 1
        _action_carry(old, priority=priority, order=orders[priority.pk], by=refreshed_by)
    return new_plan


def _plan_copy(plan: Plan, *, title: str, start_date: date) -> Plan:
    """A draft copy of the plan's details, answering the same inspections."""
    new_plan = Plan(
        title=title.strip(),
        description=plan.description,
        owner_board=plan.owner_board,
        status=Plan.State.DRAFT,
        start_date=start_date,
        update_cycle_days=plan.update_cycle_days,
        carried_from=plan,
    )
    new_plan.full_clean()
    new_plan.save()
    new_plan.inspections.set(plan.inspections.all())
    return new_plan


def _action_carry(old: Action, *, priority: Priority, order: int, by) -> None:
    """Copy one action into the new plan's priority and close the original, linked both ways."""
    copy = Action(priority=priority, order=order)
    for name in COPIED_FIELDS:
        setattr(copy, name, getattr(old, name))
    copy.full_clean()
    copy.save()
    copy.lead_officers.set(old.lead_officers.all())
    copy.recommendations.set(old.recommendations.all())
    was = f"{old.reference} in {old.priority.plan.title}"
    progress_update_post(
        action=copy,
        author=by,
        narrative=f"Carried over from action {was}. Its progress so far is recorded there.",
        status=old.declared_status if old.declared_status in DECLARABLE else Status.NOT_STARTED,
        percent_complete=old.percent_complete,
    )
    closed = action_close(action=old, closed_by=by, reason=f"Carried over to {priority.plan.title}")
    closed.carried_to = copy
    closed.save(update_fields=["carried_to", "updated_at"])
