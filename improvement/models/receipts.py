"""One row per confirmed web import: the claim that makes confirming a preview idempotent."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from improvement.models.plans import Plan


class ImportReceipt(models.Model):
    """The upload token a confirmed import spent, and the plan it went into.

    The token is unique, so of two confirms of one preview (a double click) only the first
    inserts its receipt; the second waits for it, fails, rolls back and is sent to the plan
    the first made. A claim, not a record of its own: the plan, its actions and updates keep
    the history of what the import wrote.
    """

    token = models.CharField(max_length=64, unique=True)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Import of {self.filename or 'a spreadsheet'} into {self.plan_id}"
