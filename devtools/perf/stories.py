"""One action's life as a sequence of progress updates, and what that leaves on the action.

Pure functions of a random generator and plain values, so the generator and its tests
agree on exactly what services.actions would have written.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from improvement.status import Status

DONE_FOR_COMPLETED_ON = (Status.COMPLETE, Status.VERIFIED, Status.CLOSED)
WORKING = (Status.ON_TRACK, Status.ON_TRACK, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)
# Minimum updates an action needs to end in a status: verification follows a completion.
MIN_UPDATES = {Status.NOT_STARTED: 0, Status.VERIFIED: 2}


@dataclass(frozen=True)
class Step:
    status: str
    percent: int | None
    at: datetime


@dataclass(frozen=True)
class Cached:
    """Action.declared_status, percent_complete, last_update_at and completed_on."""

    declared_status: str
    percent_complete: int | None
    last_update_at: datetime | None
    completed_on: date | None


def final_percent(rng, status: str) -> int | None:
    if status in (Status.COMPLETE, Status.VERIFIED):
        return 100
    if status == Status.NOT_STARTED:
        return rng.choice((None, 0))
    if status == Status.ON_TRACK:
        return rng.randrange(10, 95, 5)
    if status == Status.AT_RISK:
        return rng.randrange(5, 80, 5)
    return rng.randrange(0, 60, 5)  # off track, or the work done before closing


def steps_for(rng, *, final: str, times: list[datetime]) -> list[Step]:
    """Updates at `times` (ascending) that end with the action in status `final`.

    Percentages only grow; now and then a lead reports complete too early and the action
    reopens, which exercises the completed_on rule.
    """
    n = len(times)
    if n == 0:
        return []
    target = final_percent(rng, final)
    reach = target if target is not None else 0
    steps = []
    for j, at in enumerate(times):
        percent = round(reach * (j + 1) / n / 5) * 5
        if j == 0 and rng.random() < 0.3:
            status, percent = Status.NOT_STARTED, 0
        elif j < n - 2 and rng.random() < 0.01:
            status, percent = Status.COMPLETE, 100
        else:
            status = rng.choice(WORKING)
        if percent is not None and status != Status.COMPLETE and rng.random() < 0.08:
            percent = None  # leads do not always give a percentage
        steps.append(Step(status, percent, at))
    if final == Status.VERIFIED:
        steps[-2] = Step(Status.COMPLETE, 100, steps[-2].at)
        steps[-1] = Step(Status.VERIFIED, 100, steps[-1].at)
    elif final == Status.CLOSED:
        # action_close keeps whatever percentage the action had.
        before = steps[-2].percent if n > 1 else None
        steps[-1] = Step(Status.CLOSED, before, steps[-1].at)
    else:
        steps[-1] = Step(final, target, steps[-1].at)
    return steps


def cached_after(steps: list[Step]) -> Cached:
    """The action's cached fields after `steps`, as services.actions._record_update sets them."""
    status, percent, last, completed = Status.NOT_STARTED.value, None, None, None
    for step in steps:
        if last is not None and step.at < last:
            continue
        status, percent, last = step.status, step.percent, step.at
        if step.status == Status.COMPLETE and completed is None:
            completed = timezone.localdate(step.at)
        elif step.status not in DONE_FOR_COMPLETED_ON:
            completed = None
    return Cached(str(status), percent, last, completed)


def spread(start: datetime, end: datetime, n: int) -> list[datetime]:
    """n strictly increasing moments after `start`, the last exactly at `end`."""
    seconds = int((end - start).total_seconds())
    if n == 0:
        return []
    if seconds < n:
        raise ValueError("not enough time for the updates")
    return [start + (end - start) * (j + 1) / n for j in range(n)]


def update_counts(rng, *, actions: int, per_action: int, twenty_every: int = 500) -> list[int]:
    """Updates per action: 0 to twice the mean, paired so the total is exactly actions * mean.

    Every `twenty_every`-th pair gets an action with exactly 20 updates (the action-detail
    budget) when the mean allows it; the first eight actions get exactly the mean.
    """
    counts = []
    for i in range(0, actions - 1, 2):
        if i < 8:
            d = 0
        elif i % twenty_every == 8 and per_action <= 20 <= 2 * per_action:
            d = 20 - per_action
        else:
            d = rng.randint(0, per_action)
        counts += [per_action + d, per_action - d]
    if len(counts) < actions:
        counts.append(per_action)
    return counts
