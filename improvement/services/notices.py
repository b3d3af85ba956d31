"""Telling leads what others did to their actions: at once, or in their daily digest.

Three notices (issue 18, item 15): an action assigned to you (you were added as a lead),
your action's target date changed by someone else, and your action verified. Each person
chooses on their profile (User.notice_delivery) whether these come as an e-mail at once
(core/notify.py, after commit) or as a line in their next reminder digest (a DigestNote,
listed and marked by `send_reminders`). The person who made the change is never told of
it, and a notice only goes to someone who may see the action (a named lead always may).
"""

from collections.abc import Iterable

from core.notify import absolute_url, notify
from improvement.models import Action, DigestNote


def tell_leads(
    action: Action, people: Iterable, *, by, subject: str, line: str, template: str
) -> None:
    """E-mail each of `people` at once or keep `line` for their digest, as they chose."""
    visible = Action.objects.visible_to
    for person in {p.pk: p for p in people if p is not None}.values():
        if by is not None and person.pk == by.pk:
            continue
        if not person.is_active or not visible(person).filter(pk=action.pk).exists():
            continue
        if person.notice_delivery == person.NoticeDelivery.DIGEST:
            DigestNote.objects.create(recipient=person, action=action, text=line[:500])
            continue
        notify(
            recipients=[person],
            subject=subject,
            template=template,
            context={
                "action": action,
                "by": by,
                "line": line,
                "action_url": absolute_url(action.get_absolute_url()),
            },
            about=action,
        )


def _name(by) -> str:
    return getattr(by, "full_name", "") or "someone"


def tell_assigned(action: Action, people: Iterable, *, by) -> None:
    tell_leads(
        action,
        people,
        by=by,
        subject=f"Action {action.reference} has been assigned to you",
        line=f"{_name(by)} made you a lead of action {action.reference} {action.title}.",
        template="emails/action_assigned.txt",
    )


def tell_target_date_changed(action: Action, old_date, *, by, reason: str, told=None) -> None:
    """`told`: a person already e-mailed the decision on their own request, left out."""

    def day(value) -> str:
        return value.strftime("%-d %B %Y") if value else "none"

    leads = [person for person in action.lead_officers.all() if person != told]
    tell_leads(
        action,
        leads,
        by=by,
        subject=f"The target date of action {action.reference} has changed",
        line=(
            f"{_name(by)} changed the target date of action {action.reference} "
            f"{action.title} from {day(old_date)} to {day(action.target_date)}: {reason}"
        ),
        template="emails/action_notice.txt",
    )


def tell_verified(action: Action, *, by) -> None:
    tell_leads(
        action,
        action.lead_officers.all(),
        by=by,
        subject=f"Action {action.reference} has been verified",
        line=(
            f"{_name(by)} verified action {action.reference} {action.title}: "
            f"{action.verification_note}"
        ),
        template="emails/action_notice.txt",
    )
