"""Whether a finished action's impact is evidenced: the judgement a verifier records, and
the rules for reading it "as at" a day, as plain functions and as one query expression.

Recorded when the action is verified, or later by anyone who may verify it. A judgement
counts from the moment it was recorded: as at a day before that, the action's impact is not
yet evidenced. A note is required unless the impact is evidenced (then the verification
note and the evidence say why); "too early to tell" and "not evidenced" must say what would
show it, so the next reader knows what to look for.
"""

from datetime import date, datetime

from django.db import models
from django.db.models import Q

from core.clock import end_of_day
from improvement.status import WORK_DONE


class Impact(models.TextChoices):
    EVIDENCED = "evidenced", "Impact evidenced"
    TOO_EARLY = "too_early", "Too early to tell"
    NOT_EVIDENCED = "not_evidenced", "Not evidenced"


NOTE_REQUIRED_MESSAGE = "Enter what would show the impact, or why it is not evidenced"


def note_required(impact: str) -> bool:
    """A note is needed for every judgement but "impact evidenced"."""
    return impact in (Impact.TOO_EARLY, Impact.NOT_EVIDENCED)


def can_judge(declared_status: str) -> bool:
    """Only work that was done (complete or verified) has an impact to judge."""
    return declared_status in WORK_DONE


def evidenced_on(impact: str, recorded_at: datetime | None, status: str, day: date) -> bool:
    """Whether a finished action counted as "impact evidenced" at the end of `day`."""
    return (
        status in WORK_DONE
        and impact == Impact.EVIDENCED
        and recorded_at is not None
        and recorded_at < end_of_day(day)
    )


def evidenced_q(day: date, *, status: str = "declared_status") -> Q:
    """evidenced_on as a filter; `status` names the column or annotation holding the status
    at the day (the dashboard's `st`)."""
    return Q(
        **{f"{status}__in": WORK_DONE},
        impact=Impact.EVIDENCED,
        impact_recorded_at__lt=end_of_day(day),
    )
