"""Writes to actions and what hangs off them. Each runs in one transaction.

Callers (views, commands, the importer) check permissions first; services check the
business rules and raise ValidationError when one is broken.
"""

from collections.abc import Iterable
from datetime import date, datetime
from uuid import uuid4

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from improvement.evidence import CheckedUpload, check_file_count, check_upload, extension
from improvement.evidence_storage import StagedFiles
from improvement.models import Action, Evidence, ProgressUpdate, TargetDateChange
from improvement.rules import leads_action
from improvement.services import notices
from improvement.status import DECLARABLE, DONE, Status


def _as(instance, by, at: datetime):
    """Record `by` and `at` in the audit trail for the next save of `instance`.

    Outside a web request (commands, imports, back-dated demo history) the history
    middleware knows no user, and a back-dated update should be dated when it happened.
    """
    if by is not None:
        instance._history_user = by
    instance._history_date = at
    return instance


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
    _as(update, author, at).save()
    changed = latest_update_cache(action, status=status, percent=percent, at=at)
    if changed:
        _as(action, author, at).save(update_fields=[*changed, "updated_at"])
    return update


def latest_update_cache(
    action: Action, *, status: str, percent: int | None, at: datetime
) -> list[str]:
    """Copy an update's status, percentage and time onto the action, unsaved, if it is the
    latest; return the fields changed (none for an older, back-dated update).

    The action keeps these so lists can filter on them in SQL; the importer's bulk path
    calls this too, so both cache the same values.
    """
    if action.last_update_at is not None and at < action.last_update_at:
        return []
    action.declared_status = status
    action.last_update_at = at
    action.percent_complete = percent
    if status == Status.COMPLETE and action.completed_on is None:
        action.completed_on = timezone.localdate(at)
    elif status not in DONE:
        action.completed_on = None
    return ["declared_status", "last_update_at", "percent_complete", "completed_on"]


class UpdateConflict(ValidationError):
    """Someone posted on the action after the author opened the form; `newer` holds their posts."""

    def __init__(self, newer: list[ProgressUpdate]):
        super().__init__(
            "Someone else has posted an update on this action since you opened the form",
            code="conflict",
        )
        self.newer = newer


# Passed as `seen_update_id` to skip the check for a colleague's newer update.
NOT_CHECKED = object()


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
    seen_update_id=NOT_CHECKED,
) -> ProgressUpdate:
    """Append a progress update with its evidence; the action takes its status.

    Files are checked by content (improvement.evidence) and stored under a generated name.
    With `seen_update_id` (the latest update the author saw, or None if none), raises
    UpdateConflict when a newer one exists, so nobody reports over a colleague unseen.
    """
    if status not in DECLARABLE:
        raise ValidationError({"status": "Select a status"})
    if not narrative.strip():
        raise ValidationError({"narrative": "Enter what has happened since the last update"})
    if percent_complete is not None and not 0 <= percent_complete <= 100:
        raise ValidationError({"percent_complete": "Enter a percentage between 0 and 100"})
    checked = [f if isinstance(f, CheckedUpload) else check_upload(f) for f in files]
    check_file_count(len(checked))
    action = _locked(action)
    if seen_update_id is not NOT_CHECKED:
        newer = ProgressUpdate.objects.filter(action=action).select_related("author")
        if seen_update_id is not None:
            newer = newer.filter(pk__gt=seen_update_id)
        newer = list(newer)
        if newer:
            raise UpdateConflict(newer)
    update = _record_update(
        action=action,
        author=author,
        narrative=narrative.strip(),
        status=status,
        percent=percent_complete,
        at=at or timezone.now(),
    )
    _attach_evidence(update, author=author, files=checked, links=links)
    return update


def _attach_evidence(
    update: ProgressUpdate, *, author, files: list[CheckedUpload], links: Iterable[str]
) -> None:
    """Files are written under temporary names and take their own only once the update
    commits (improvement.evidence_storage); a failure leaves none behind."""
    staged = StagedFiles(Evidence._meta.get_field("file").storage)
    try:
        for upload in files:
            evidence = Evidence(
                update=update,
                original_name=upload.name,
                content_type=upload.content_type,
                size=upload.size,
                uploaded_by=author,
                uploaded_at=update.created_at,
            )
            # A generated name on disk: nothing the uploader typed reaches the file system.
            final = evidence.file.field.generate_filename(
                evidence, f"{uuid4().hex}{extension(upload.name)}"
            )
            evidence.file.name = staged.stage(upload.file, final)
            _as(evidence, author, update.created_at).save()
        for link in links:
            evidence = Evidence(
                update=update, link=link, uploaded_by=author, uploaded_at=update.created_at
            )
            evidence.full_clean(exclude=["file"])
            _as(evidence, author, update.created_at).save()
    except BaseException:
        staged.discard()
        raise
    staged.move_after_commit()


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
    at = at or timezone.now()
    change = TargetDateChange(
        action=action,
        old_date=action.target_date,
        new_date=new_date,
        reason=reason.strip(),
        changed_by=changed_by,
        changed_by_name=getattr(changed_by, "full_name", "") or "",
        changed_at=at,
        request=request,
    )
    _as(change, changed_by, at).save()
    action.target_date = new_date
    if action.original_target_date is None:
        action.original_target_date = change.old_date or new_date
    action.version += 1
    fields = ["target_date", "original_target_date", "version", "updated_at"]
    _as(action, changed_by, at).save(update_fields=fields)
    notices.tell_target_date_changed(
        action,
        change.old_date,
        by=changed_by,
        reason=change.reason,
        told=request.requested_by if request is not None else None,
    )
    return change


@transaction.atomic
def action_verify(*, action: Action, verifier, note: str, at: datetime | None = None) -> Action:
    """Record that someone other than a lead checked the evidence of a completed action.

    The verifier's note says what they checked; the action becomes Verified through a
    progress update, so the timeline and "as at" reports show it. Also exported from
    improvement.services.verification, beside action_return.
    """
    if not note.strip():
        raise ValidationError({"note": "Enter what you checked"})
    action = _locked(action)
    if action.declared_status != Status.COMPLETE:
        raise ValidationError(
            "Only an action declared complete can be verified; this one is "
            f"{Status(action.declared_status).label.lower()}"
        )
    if leads_action(verifier, action):
        raise PermissionDenied("You cannot verify an action you lead")
    at = at or timezone.now()
    _record_update(
        action=action,
        author=verifier,
        narrative=f"Verified: {note.strip()}",
        status=Status.VERIFIED,
        percent=100,
        at=at,
    )
    action.verified_by = verifier
    action.verified_at = at
    action.verification_note = note.strip()
    fields = ["verified_by", "verified_at", "verification_note", "updated_at"]
    _as(action, verifier, at).save(update_fields=fields)
    notices.tell_verified(action, by=verifier)
    return action


@transaction.atomic
def action_close(*, action: Action, closed_by, reason: str, at: datetime | None = None) -> Action:
    """Close an action (superseded, carried over or withdrawn); it is never deleted."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the action is being closed"})
    action = _locked(action)
    at = at or timezone.now()
    _record_update(
        action=action,
        author=closed_by,
        narrative=f"Closed: {reason.strip()}",
        status=Status.CLOSED,
        percent=action.percent_complete,
        at=at,
    )
    action.closed_reason = reason.strip()
    _as(action, closed_by, at).save(update_fields=["closed_reason", "updated_at"])
    return action
