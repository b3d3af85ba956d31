"""Stored month-end counts for the dashboard trend."""

from django.db import models


class StatusSnapshot(models.Model):
    """Counts by effective status at the end of a past day, for one dashboard scope.

    The past does not change (updates and date changes are append-only), so the trend reads
    these rather than replaying every update on every view. improvement/snapshots.py fills
    them and deletes the ones a back-dated write would change. A cache, not a record: no history.
    """

    scope = models.CharField(max_length=60)
    day = models.DateField()
    counts = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "day"], name="one_snapshot_per_scope_day"),
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.scope} at {self.day}"
