"""Status and RAG rules of DESIGN.md section 4, as plain functions of plain values.

Models and selectors call these; nothing here touches the database, so each rule
can be tested at its boundaries directly. status_sql.py holds the same rules as query
expressions; tests/improvement/test_status_agreement.py checks that the two agree.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models

from core.clock import local_date, today  # noqa: F401  (the rules below read the clock)


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"
    VERIFIED = "verified", "Verified"
    CLOSED = "closed", "Closed"


# Statuses whose work is finished as far as dates are concerned.
DONE = frozenset({Status.COMPLETE, Status.VERIFIED, Status.CLOSED})
OPEN = tuple(status for status in Status if status not in DONE)
# Statuses whose work was done: declared complete, or verified. Unlike DONE, not closed, since
# a closed (withdrawn, carried over) action did not do the work; recommendations count these.
WORK_DONE = (Status.COMPLETE, Status.VERIFIED)
# Statuses a lead may declare in a progress update; the rest come from verification or closing.
DECLARABLE = (
    Status.NOT_STARTED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.COMPLETE,
)
# The order dashboards list statuses in, worst first.
DASHBOARD_ORDER = (
    Status.OFF_TRACK,
    Status.AT_RISK,
    Status.ON_TRACK,
    Status.NOT_STARTED,
    Status.COMPLETE,
    Status.VERIFIED,
    Status.CLOSED,
)
RAG_COLOUR = {
    Status.NOT_STARTED: "grey",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "amber",
    Status.OFF_TRACK: "red",
    Status.COMPLETE: "blue",
    Status.VERIFIED: "blue",
    Status.CLOSED: "none",
}
PACE_TOLERANCE_POINTS = 20


def is_overdue(target_date: date | None, status: str, on: date) -> bool:
    """Overdue: the current target date has passed and the work is not finished."""
    return target_date is not None and target_date < on and status not in DONE


def effective_status(status: str, overdue: bool) -> str:
    """What dashboards count: an overdue action counts as off track whatever it declares."""
    return Status.OFF_TRACK if overdue else status


def stale_cutoff(on: date, cycle_days: int) -> date:
    """The last local date an update may fall on for an action to be stale on `on`.

    An update exactly one cycle ago is still in time; one a day earlier is stale.
    """
    return on - timedelta(days=cycle_days + 1)


def is_stale(last_activity: datetime, cycle_days: int, status: str, on: date) -> bool:
    """Stale: no progress update within the plan's update cycle (finished work is never stale)."""
    if status in DONE:
        return False
    return local_date(last_activity) <= stale_cutoff(on, cycle_days)


@dataclass(frozen=True)
class Pace:
    percent_complete: int
    percent_time_elapsed: int

    @property
    def points_behind(self) -> int:
        return self.percent_time_elapsed - self.percent_complete

    @property
    def behind(self) -> bool:
        return self.points_behind > PACE_TOLERANCE_POINTS


def pace(
    percent_complete: int | None, start: date, target: date | None, on: date, status: str = ""
) -> Pace | None:
    """Compare reported progress with the share of the action's time already used.

    Finished work has no pace to judge, so complete, verified and closed actions get None.
    """
    if status in DONE or percent_complete is None or target is None or target <= start:
        return None
    elapsed = (min(on, target) - start).days / (target - start).days
    return Pace(percent_complete, round(max(elapsed, 0) * 100))


def contradictions(
    *, status: str, overdue: bool, has_evidence: bool, date_changes: int
) -> list[str]:
    """Plain-language reasons the declared status and the facts disagree."""
    found = []
    if status == Status.ON_TRACK and overdue:
        found.append("Declared on track, but the target date has passed.")
    if status in WORK_DONE and not has_evidence:
        found.append("Declared complete, but no evidence has been attached.")
    if date_changes > 1:
        found.append(f"The target date has been moved {date_changes} times.")
    return found
