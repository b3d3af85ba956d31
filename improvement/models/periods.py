"""Each action's state from one moment to the next, derived from its records."""

from datetime import UTC, datetime

from django.db import models

from improvement.models.actions import Action
from improvement.status import Status

# The end of a period still in force: a date no record reaches, rather than NULL, so that
# "in force at a moment" is one range condition an index answers.
FOREVER = datetime(9999, 1, 1, tzinfo=UTC)


class ActionPeriod(models.Model):
    """What an action declared, its target date and its latest update's time, in force from
    `starts_at` (a record's time, or the action's creation) until `ends_at` (the next
    record's time; FOREVER for the current period). In force at a moment m when
    starts_at < m <= ends_at, as the replay of the records reads "made before m".

    A cache, not a record: improvement/periods.py rebuilds an action's periods from its
    progress updates and target date changes whenever one is written, so no history.
    """

    # Indexed by period_action_idx below.
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="periods", db_index=False
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(default=FOREVER)
    status = models.CharField(max_length=20, choices=Status.choices)
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    last_update_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # A past day's state of every action: the periods ending after that day (one
            # range), read from the index alone on PostgreSQL.
            models.Index(
                fields=["ends_at"],
                include=["starts_at", "action", "status", "target_date", "last_update_at"],
                name="period_in_force_idx",
            ),
            models.Index(fields=["action", "starts_at"], name="period_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.status} from {self.starts_at:%d %b %Y}"
