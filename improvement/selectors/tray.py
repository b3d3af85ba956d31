"""An officer's work tray: the actions they lead (themselves or through a team), by urgency.

Two queries whatever the number of actions or updates: one for the actions with their
flags, one for the challenges waiting for the officer's answer.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from improvement.models import Action, Challenge, DigestNote
from improvement.selectors.actions import with_flags
from improvement.selectors.plan_scope import ACTIVE_ONLY
from improvement.status import DONE, today

DUE_SOON_DAYS = 30
DIGEST_DUE_DAYS = 14


def actions_led_by(user) -> QuerySet[Action]:
    """The user's own actions, with the plan each row names (nothing else is needed)."""
    return Action.objects.visible_to(user).led_by(user).select_related("priority__plan")


def active_actions_led_by(user) -> QuerySet[Action]:
    """The user's own actions in active plans: a draft plan's actions are not yet work to
    do, and a closed plan's are finished with."""
    return ACTIVE_ONLY.actions(actions_led_by(user))


@dataclass
class TrayRow:
    action: Action
    overdue: bool
    stale: bool
    days_left: int | None  # target date minus today: negative when past; None without a date

    @property
    def when(self) -> str:
        """'12 days overdue', 'due today', 'due in 5 days', or '' when finished or undated."""
        days = self.days_left
        if days is None or self.action.declared_status in DONE:
            return ""
        if self.overdue:
            return f"{-days} day{'s' if days != -1 else ''} overdue"
        if days == 0:
            return "due today"
        return f"due in {days} day{'s' if days != 1 else ''}" if days > 0 else ""


@dataclass
class TrayGroup:
    key: str
    heading: str
    description: str
    rows: list[TrayRow] = field(default_factory=list)


@dataclass
class WorkTray:
    groups: list[TrayGroup]
    challenges: list[Challenge]

    def group(self, key: str) -> TrayGroup:
        return next(group for group in self.groups if group.key == key)

    @property
    def total(self) -> int:
        """How many actions the tray holds (each is in one group)."""
        return sum(len(group.rows) for group in self.groups)

    @property
    def stale_above(self) -> int:
        """Actions not updated on time but listed in a more urgent group (overdue, due soon)."""
        return sum(row.stale for key in ("overdue", "due_soon") for row in self.group(key).rows)

    @property
    def stale_total(self) -> int:
        """Every action not updated on time, wherever it is listed."""
        return len(self.group("stale").rows) + self.stale_above

    @property
    def summary(self) -> list[tuple[TrayGroup, int]]:
        """The summary boxes: each group but "others" with its figure, the rows it lists,
        except "not updated on time", which counts every such action (stale_total)."""
        return [
            (group, self.stale_total if group.key == "stale" else len(group.rows))
            for group in self.groups
            if group.key != "others"
        ]


def _days_left(action: Action, on: date) -> int | None:
    return None if action.target_date is None else (action.target_date - on).days


def _urgency(row: TrayRow):
    action = row.action
    return (
        action.target_date or date.max,
        action.last_activity,
        action.priority.plan.title,
        action.priority.number,
        action.order,
    )


def _tray_group(action: Action, on: date) -> str:
    """The one group an action goes in: the most urgent that fits it."""
    soon = on + timedelta(days=DUE_SOON_DAYS)
    if action.overdue:
        return "overdue"
    if (
        action.target_date is not None
        and on <= action.target_date <= soon
        and action.declared_status not in DONE
    ):
        return "due_soon"
    return "stale" if action.stale else "others"


def work_tray(user, on: date | None = None) -> WorkTray:
    """The officer's actions in active plans by urgency: overdue, due soon, not updated on
    time, all others; each action once, in the most urgent group that fits it."""
    on = on or today()
    groups = [
        TrayGroup("overdue", "Overdue", "The target date has passed and the work is not done."),
        TrayGroup(
            "due_soon",
            f"Due in the next {DUE_SOON_DAYS} days",
            "Target date within the next 30 days.",
        ),
        TrayGroup(
            "stale",
            "Not updated on time",
            "No progress update within the plan's update cycle.",
        ),
        TrayGroup(
            "others", "All your other actions", "Up to date and not due in the next 30 days."
        ),
    ]
    by_key = {group.key: group for group in groups}
    for action in with_flags(active_actions_led_by(user), on):
        row = TrayRow(action, action.overdue, action.stale, _days_left(action, on))
        by_key[_tray_group(action, on)].rows.append(row)
    for group in groups:
        group.rows.sort(key=_urgency)
    # Stale actions: the longest without an update first.
    by_key["stale"].rows.sort(key=lambda row: row.action.last_activity)
    return WorkTray(groups=groups, challenges=challenges_awaiting_answer(user))


def challenges_awaiting_answer(user) -> list[Challenge]:
    """Open challenges on the actions the user leads, oldest first (whatever the plan's
    status: a question asked deserves an answer)."""
    return list(
        Challenge.objects.filter(
            state=Challenge.State.OPEN, action__in=actions_led_by(user).values("pk")
        )
        .select_related("action__priority__plan", "raised_by")
        .order_by("raised_at", "pk")
    )


@dataclass
class Digest:
    overdue: list[TrayRow]
    due_soon: list[TrayRow]
    stale: list[TrayRow]
    # Notices the person chose to get in their digest (DigestNote), oldest first.
    notes: list[DigestNote] = field(default_factory=list)
    # Lists other apps add (improvement.panels.digest_sections): measures with a figure due.
    sections: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_soon or self.stale or self.notes or self.sections)

    @property
    def action_count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.stale)


def pending_digest_notes(user) -> list[DigestNote]:
    """The person's notices not yet in a digest, about actions they may still see."""
    return list(
        DigestNote.objects.filter(
            recipient=user,
            digest_on__isnull=True,
            action__in=Action.objects.visible_to(user).values("pk"),
        )
        .select_related("action")
        .order_by("created_at", "pk")
    )


def reminder_digest(user, on: date | None = None) -> Digest:
    """What a reminder e-mail lists, for active plans only: overdue, due within 14 days,
    and not updated on time (one query)."""
    on = on or today()
    soon = on + timedelta(days=DIGEST_DUE_DAYS)
    actions = (
        with_flags(active_actions_led_by(user), on)
        .filter(~Q(declared_status__in=DONE))
        .order_by("target_date", "priority__plan__title", "priority__number", "order")
    )
    digest = Digest([], [], [])
    for action in actions:
        row = TrayRow(action, action.overdue, action.stale, _days_left(action, on))
        if action.overdue:
            digest.overdue.append(row)
        elif action.target_date and on <= action.target_date <= soon:
            digest.due_soon.append(row)
        elif action.stale:
            digest.stale.append(row)
    return digest
