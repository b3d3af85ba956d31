"""Writes to actions and what hangs off them. Each runs in one transaction.

Callers (views, commands, the importer) check permissions first; services check the
business rules and raise ValidationError when one is broken.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from improvement.models import Action, Evidence, ProgressUpdate, TargetDateChange
from improvement.status import DECLARABLE, Status


def _locked(action: Action) -> Action:
    """Re-read the action under a row lock so concurrent writers queue rather than clash."""
    return Action.objects.select_for_update().select_related("priority__plan").get(pk=action.pk)


def _record_update(
    *, action: Action, author, narrative: str, status: str, percent: int | None, at: datetime
) -> ProgressUpdate:
    update = ProgressUpdate(
        action=action,
        author=author,
        author_name=getattr(author, "full_name", "") or "",
        narrative=narrative,
        status=status,
        percent_complete=percent,
        created_at=at,
    )
    update.full_clean()
    update.save()
    # The action keeps the latest update's values so lists can filter on them in SQL.
    if action.last_update_at is None or at >= action.last_update_at:
        action.declared_status = status
        action.last_update_at = at
        action.percent_complete = percent
        if status == Status.COMPLETE and action.completed_on is None:
            action.completed_on = timezone.localdate(at)
        elif status not in (Status.COMPLETE, Status.VERIFIED, Status.CLOSED):
            action.completed_on = None
        action.save(
            update_fields=[
                "declared_status",
                "last_update_at",
                "percent_complete",
                "completed_on",
                "updated_at",
            ]
        )
    return update


@transaction.atomic
def progress_update_post(
    *,
    action: Action,
    author,
    narrative: str,
    status: str,
    percent_complete: int | None = None,
    files: Iterable = (),
    links: Iterable[str] = (),
    at: datetime | None = None,
) -> ProgressUpdate:
    """Append a progress update with its evidence; the action takes its status."""
    if status not in DECLARABLE:
        raise ValidationError({"status": "Select a status"})
    if not narrative.strip():
        raise ValidationError({"narrative": "Enter what has happened since the last update"})
    action = _locked(action)
    update = _record_update(
        action=action,
        author=author,
        narrative=narrative.strip(),
        status=status,
        percent=percent_complete,
        at=at or timezone.now(),
    )
    for upload in files:
        Evidence.objects.create(
            update=update,
            file=upload,
            original_name=upload.name[:255],
            content_type=getattr(upload, "content_type", "") or "",
            size=upload.size,
            uploaded_by=author,
            uploaded_at=update.created_at,
        )
    for link in links:
        evidence = Evidence(update=update, link=link, uploaded_by=author)
        evidence.full_clean(exclude=["file"])
        evidence.save()
    return update


@transaction.atomic
def action_target_date_change(
    *, action: Action, new_date: date, reason: str, changed_by, request=None, at=None
) -> TargetDateChange:
    """Move an action's current target date, keeping the old one and the reason."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the target date is changing"})
    action = _locked(action)
    if new_date == action.target_date:
        raise ValidationError({"new_date": "Enter a date different from the current target date"})
    change = TargetDateChange.objects.create(
        action=action,
        old_date=action.target_date,
        new_date=new_date,
        reason=reason.strip(),
        changed_by=changed_by,
        changed_by_name=getattr(changed_by, "full_name", "") or "",
        changed_at=at or timezone.now(),
        request=request,
    )
    action.target_date = new_date
    if action.original_target_date is None:
        action.original_target_date = change.old_date or new_date
    action.version += 1
    action.save(update_fields=["target_date", "original_target_date", "version", "updated_at"])
    return change


@transaction.atomic
def action_verify(*, action: Action, verifier, note: str, at: datetime | None = None) -> Action:
    """Record that someone other than a lead checked the evidence of a completed action."""
    action = _locked(action)
    if action.declared_status != Status.COMPLETE:
        raise ValidationError("Only an action declared complete can be verified")
    if action.lead_officers.filter(pk=verifier.pk).exists():
        raise ValidationError("You cannot verify an action you lead")
    at = at or timezone.now()
    _record_update(
        action=action,
        author=verifier,
        narrative=f"Verified: {note.strip()}" if note.strip() else "Verified.",
        status=Status.VERIFIED,
        percent=100,
        at=at,
    )
    action.verified_by = verifier
    action.verified_at = at
    action.verification_note = note.strip()
    action.save(update_fields=["verified_by", "verified_at", "verification_note", "updated_at"])
    return action


@transaction.atomic
def action_close(*, action: Action, closed_by, reason: str, at: datetime | None = None) -> Action:
    """Close an action (superseded, carried over or withdrawn); it is never deleted."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the action is being closed"})
    action = _locked(action)
    _record_update(
        action=action,
        author=closed_by,
        narrative=f"Closed: {reason.strip()}",
        status=Status.CLOSED,
        percent=action.percent_complete,
        at=at or timezone.now(),
    )
    action.closed_reason = reason.strip()
    action.save(update_fields=["closed_reason", "updated_at"])
    return action
