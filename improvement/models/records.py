"""What is recorded against an action: progress updates and their evidence, target date
changes and requests for one. Each is visible exactly when its action is."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from audit.history import AuditedHistoricalRecords
from improvement.models.actions import Action
from improvement.status import Status

USER = settings.AUTH_USER_MODEL


class ActionRecordQuerySet(models.QuerySet):
    # The path from the record to its action.
    action_path = "action"

    def visible_to(self, user):
        """Records on actions the user may read."""
        visible = Action.objects.visible_to(user).values("pk")
        return self.filter(**{f"{self.action_path}__in": visible})


class EvidenceQuerySet(ActionRecordQuerySet):
    action_path = "update__action"


class TargetDateChange(models.Model):
    """A change of an action's current target date, with its reason; never edited."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="date_changes")
    old_date = models.DateField(null=True, blank=True)
    new_date = models.DateField()
    reason = models.TextField(max_length=2_000)
    changed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_by_name = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    request = models.OneToOneField(
        "DateChangeRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = AuditedHistoricalRecords()

    objects = ActionRecordQuerySet.as_manager()

    class Meta:
        ordering = ["action", "changed_at"]
        indexes = [models.Index(fields=["action", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.action.reference}: {self.old_date} to {self.new_date}"


class DateChangeRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="date_requests")
    requested_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    new_date = models.DateField()
    reason = models.TextField(max_length=2_000)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True, max_length=2_000)
    history = AuditedHistoricalRecords()

    objects = ActionRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["action"],
                condition=Q(state="pending"),
                name="one_pending_request_per_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.reference}: move to {self.new_date} ({self.get_state_display()})"


class ProgressUpdate(models.Model):
    """A lead's report on an action. Append-only: a correction is a new update."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    narrative = models.TextField(max_length=10_000)
    status = models.CharField(max_length=20, choices=Status.choices)
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    # The file an imported update came from: written before the import, by nobody known here.
    imported_from = models.CharField(max_length=200, blank=True)
    history = AuditedHistoricalRecords()

    objects = ActionRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        # Matches the "latest update" ordering (-created_at, -pk) used across the app.
        indexes = [
            models.Index(fields=["action", "-created_at", "-id"], name="update_action_latest_idx"),
            # "Completed or verified since": a range of recent updates of one status, with
            # the action's id, so "which actions" is read from the index alone on PostgreSQL.
            models.Index(
                fields=["status", "created_at"], include=["action"], name="update_status_time_idx"
            ),
            # "What changed since" and "completed since": the latest updates of any action,
            # newest first, with what picks them (status) and breaks ties (id), and how many
            # were made in the window, from the index alone on PostgreSQL.
            models.Index(
                fields=["created_at"], include=["action", "status", "id"], name="update_time_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__isnull=True)
                | Q(percent_complete__gte=0, percent_complete__lte=100),
                name="update_percent_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.reference} {self.get_status_display()} ({self.created_at:%d %b %Y})"


class Evidence(models.Model):
    """A file or link attached to a progress update."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True, max_length=300)
    link = models.URLField(blank=True, max_length=1_000)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    history = AuditedHistoricalRecords()

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link=""), name="evidence_is_file_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name or self.link
