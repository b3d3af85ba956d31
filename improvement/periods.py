"""Each action's state as periods (ActionPeriod), rebuilt from its records on every write.

A past day's dashboard asks, for every action, what it had declared, its target date and
its latest update's time at the end of the day. Replaying the records answers that with
three look-ups per action (about a second at 100,000 actions); the periods answer it with
one range read: the period of each action with starts_at < end of day <= ends_at.

The records stay the truth. Whenever a progress update, a target date change or an action
is saved, the receivers below rebuild that action's periods from its records, in the same
transaction; writers that bypass save() (the importer's bulk path, the load generator, the
migration that first filled the table) call `refresh` themselves.
tests/improvement/test_periods.py checks the periods against the records after every kind
of write, and `drifted` is what it uses.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models.signals import post_save

from improvement.models import FOREVER, Action, ActionPeriod, ProgressUpdate, TargetDateChange
from improvement.status import Status

CHUNK = 2_000


@dataclass(frozen=True)
class Period:
    starts_at: datetime
    ends_at: datetime
    status: str
    percent_complete: int | None
    target_date: date | None
    last_update_at: datetime | None


def periods_of(
    created_at: datetime,
    original_target: date | None,
    updates: Iterable[tuple[datetime, int, str, int | None]],
    changes: Iterable[tuple[datetime, int, date]],
) -> list[Period]:
    """An action's periods from its records: `updates` as (time, id, status, percent),
    `changes` as (time, id, new date). The state after each moment is what the replay
    reads as "the latest record made before": the last update and the last date change
    in (time, id) order. Records made at the same moment give one period; the state
    before the first record (from the action's creation) is not started, with the
    original target date."""
    events = sorted(
        [(at, 0, pk, (status, percent)) for at, pk, status, percent in updates]
        + [(at, 1, pk, new_date) for at, pk, new_date in changes],
        key=lambda event: event[:3],
    )
    status, percent, target, last = Status.NOT_STARTED, None, original_target, None
    states: list[tuple[datetime, tuple]] = []
    if not events or created_at < events[0][0]:
        states.append((created_at, (status, percent, target, last)))
    for at, kind, _, value in events:
        if kind == 0:
            (status, percent), last = value, at
        else:
            target = value
        if states and states[-1][0] == at:
            states.pop()  # an earlier record of the same moment is never in force alone
        states.append((at, (status, percent, target, last)))
    ends = [at for at, _ in states[1:]] + [FOREVER]
    return [Period(at, end, *state) for (at, state), end in zip(states, ends, strict=True)]


def computed(action_ids: list[int]) -> dict[int, list[Period]]:
    """Each action's periods worked out from its records (three queries)."""
    updates, changes = defaultdict(list), defaultdict(list)
    for action_id, *record in (
        ProgressUpdate.objects.filter(action_id__in=action_ids)
        .order_by()
        .values_list("action_id", "created_at", "pk", "status", "percent_complete")
    ):
        updates[action_id].append(record)
    for action_id, *record in (
        TargetDateChange.objects.filter(action_id__in=action_ids)
        .order_by()
        .values_list("action_id", "changed_at", "pk", "new_date")
    ):
        changes[action_id].append(record)
    return {
        pk: periods_of(created, target, updates[pk], changes[pk])
        for pk, created, target in Action.objects.filter(pk__in=action_ids)
        .order_by()
        .values_list("pk", "created_at", "original_target_date")
    }


def refresh(action_ids: Iterable[int] | None = None) -> int:
    """Rebuild the periods of these actions (of every action when None), in chunks;
    returns how many periods were written."""
    if action_ids is None:
        action_ids = Action.objects.order_by("pk").values_list("pk", flat=True).iterator()
    written, chunk = 0, []
    for pk in action_ids:
        chunk.append(pk)
        if len(chunk) == CHUNK:
            written += _refresh_chunk(chunk)
            chunk = []
    if chunk:
        written += _refresh_chunk(chunk)
    return written


def _refresh_chunk(action_ids: list[int]) -> int:
    fresh = computed(action_ids)
    ActionPeriod.objects.filter(action_id__in=action_ids).delete()
    rows = [
        ActionPeriod(action_id=pk, **period.__dict__)
        for pk, periods in fresh.items()
        for period in periods
    ]
    ActionPeriod.objects.bulk_create(rows, batch_size=5_000)
    return len(rows)


def drifted(action_ids: list[int] | None = None) -> dict[int, tuple[list, list]]:
    """Actions whose stored periods differ from their records: pk -> (stored, computed)."""
    if action_ids is None:
        action_ids = list(Action.objects.values_list("pk", flat=True))
    fields = [field for field in Period.__dataclass_fields__]
    stored = defaultdict(list)
    for row in (
        ActionPeriod.objects.filter(action_id__in=action_ids)
        .order_by("starts_at", "pk")
        .values("action_id", *fields)
    ):
        stored[row.pop("action_id")].append(Period(**row))
    found = {}
    for pk, periods in computed(action_ids).items():
        if stored[pk] != periods:
            found[pk] = (stored[pk], periods)
    return found


def _record_saved(sender, instance, **kwargs):
    refresh([instance.action_id])


def _action_saved(sender, instance, created, update_fields=None, **kwargs):
    # Periods start from the action's creation and original target date; other fields
    # (the cached latest update, the current target) follow from records saved first.
    if (
        created
        or update_fields is None
        or {"original_target_date", "created_at"} & set(update_fields)
    ):
        refresh([instance.pk])


def connect() -> None:
    post_save.connect(_record_saved, sender=ProgressUpdate)
    post_save.connect(_record_saved, sender=TargetDateChange)
    post_save.connect(_action_saved, sender=Action)
