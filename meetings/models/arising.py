"""Actions arising: what a meeting asked for, owned and dated, tracked until closed."""

from django.conf import settings
from django.db import models

from audit.history import AuditedHistoricalRecords
from meetings.models.bodies import Meeting


class ActionArisingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))

    def open_on(self, day):
        """Raised at a meeting on or before `day` and not closed by then."""
        return self.filter(meeting__date__lte=day).exclude(closed_on__lte=day)


class ActionArising(models.Model):
    """Something a meeting asked for, with an owner and a due date, shown on the body's
    next packs until it is closed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions_arising")
    text = models.TextField(max_length=5_000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_arising",
    )
    owner_name = models.CharField(
        max_length=200, blank=True, help_text="For an owner without an account."
    )
    due_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closing_note = models.TextField(blank=True, max_length=5_000)
    history = AuditedHistoricalRecords()

    objects = ActionArisingQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name_plural = "actions arising"

    def __str__(self) -> str:
        return self.text[:80]

    def is_overdue_on(self, day) -> bool:
        return self.closed_on is None and self.due_on < day

    @property
    def owner_display(self) -> str:
        if self.owner_id:
            return self.owner.get_full_name() or self.owner.email
        return self.owner_name
