"""Writes for bodies, meetings and what meetings record: keyword-only, one transaction
each, a broken rule raised as ValidationError; edits are version-checked (core/editing.py)."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from core.editing import claim_for_edit
from meetings.models import ActionArising, Attendance, Body, BodyMember, Decision, Meeting
from meetings.models.bodies import new_calendar_key

BODY_LINKS = ("plans", "measures")


def _save(record):
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def body_create(*, fields: dict) -> Body:
    links = {name: fields.pop(name, ()) for name in BODY_LINKS}
    body = _save(Body(**fields))
    for name, values in links.items():
        getattr(body, name).set(values)
    return body


@transaction.atomic
def body_update(*, body: Body, version: int, fields: dict) -> Body:
    """Save an edit made to `version` of the body, or raise EditConflict."""
    links = {name: list(fields.pop(name, ())) for name in BODY_LINKS}
    current = claim_for_edit(Body, pk=body.pk, version=version, submitted={**fields, **links})
    for name, value in fields.items():
        setattr(current, name, value)
    _save(current)
    for name, values in links.items():
        getattr(current, name).set(values)
    return current


@transaction.atomic
def member_add(*, body: Body, user=None, name: str = "", role: str = "") -> BodyMember:
    if user is None and not name.strip():
        raise ValidationError(
            {"user": "Choose a person, or enter the name of someone without an account"}
        )
    if user is not None and body.members.filter(user=user).exists():
        raise ValidationError({"user": f"{user.full_name or user.email} is already a member"})
    return _save(
        BodyMember(body=body, user=user, name="" if user else name.strip(), role=role.strip())
    )


@transaction.atomic
def member_remove(*, member: BodyMember) -> None:
    member.delete()


@transaction.atomic
def calendar_address_renew(*, member: BodyMember) -> BodyMember:
    """A new key: the member's old calendar address stops working."""
    member.calendar_key = new_calendar_key()
    member.save(update_fields=["calendar_key"])
    return member


@transaction.atomic
def meeting_create(*, body: Body, fields: dict) -> Meeting:
    return _save(Meeting(body=body, **fields))


@transaction.atomic
def meeting_update(*, meeting: Meeting, version: int, fields: dict) -> Meeting:
    """Save an edit made to `version` of the meeting, or raise EditConflict."""
    current = claim_for_edit(Meeting, pk=meeting.pk, version=version, submitted=fields)
    for name, value in fields.items():
        setattr(current, name, value)
    return _save(current)


@transaction.atomic
def meeting_advance(*, meeting: Meeting, to: str) -> Meeting:
    """Move a meeting on one step: planned, papers published, held, minutes approved."""
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.next_status() != to:
        raise ValidationError(
            f"This meeting is {current.get_status_display().lower()}: it cannot move to "
            f"“{Meeting.Status(to).label.lower()}” now"
            if to in Meeting.Status.values
            else "Choose the meeting's next status"
        )
    current.status = to
    current.version += 1
    return _save(current)


@transaction.atomic
def attendance_record(*, meeting: Meeting, statuses: dict, others: Iterable[str]) -> None:
    """Set each member's attendance (`statuses`: BodyMember to status) and replace the
    others attending by name with `others` (present)."""
    for member, status in statuses.items():
        if member.body_id != meeting.body_id:
            raise ValidationError("Record attendance only for the body's members")
        row = Attendance.objects.filter(meeting=meeting, member=member).first()
        if row is None:
            row = Attendance(meeting=meeting, member=member)
        if row.pk is None or (row.status, row.name) != (status, member.display_name):
            row.status, row.name = status, member.display_name
            _save(row)
    names = [name.strip() for name in others if name.strip()]
    meeting.attendance.filter(member__isnull=True).exclude(name__in=names).delete()
    kept = set(meeting.attendance.filter(member__isnull=True).values_list("name", flat=True))
    for name in dict.fromkeys(names):
        if name not in kept:
            _save(Attendance(meeting=meeting, name=name[:200], status=Attendance.Status.PRESENT))


@transaction.atomic
def decision_add(*, meeting: Meeting, text: str) -> Decision:
    """The meeting's next numbered decision."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    last = meeting.decisions.aggregate(n=Max("number"))["n"] or 0
    return _save(Decision(meeting=meeting, number=last + 1, text=text.strip()))


@transaction.atomic
def arising_add(
    *, meeting: Meeting, text: str, owner=None, owner_name: str = "", due_on: date
) -> ActionArising:
    if owner is None and not owner_name.strip():
        raise ValidationError(
            {"owner": "Choose the owner, or enter the name of someone without an account"}
        )
    if due_on < meeting.date:
        raise ValidationError({"due_on": "The due date must be on or after the meeting"})
    return _save(
        ActionArising(
            meeting=meeting,
            text=text.strip(),
            owner=owner,
            owner_name="" if owner else owner_name.strip(),
            due_on=due_on,
        )
    )


@transaction.atomic
def arising_close(*, arising: ActionArising, closed_on: date, note: str) -> ActionArising:
    current = ActionArising.objects.select_for_update().get(pk=arising.pk)
    if current.closed_on is not None:
        raise ValidationError("This action arising is already closed")
    if closed_on < current.meeting.date:
        raise ValidationError({"closed_on": "An action arising cannot close before its meeting"})
    current.closed_on, current.closing_note = closed_on, note.strip()
    return _save(current)


@transaction.atomic
def challenges_link(*, meeting: Meeting, challenges: Iterable, offered: Iterable) -> None:
    """Of the challenges `offered` to the person, mark `challenges` as raised at the
    meeting and unmark the rest; links outside `offered` (another member's) stay."""
    chosen, offered = set(challenges), set(offered)
    if not chosen <= offered:
        raise ValidationError("Choose challenges from the list")
    meeting.challenges.remove(*(offered - chosen))
    meeting.challenges.add(*chosen)
