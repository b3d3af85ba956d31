"""A user's background job (an export, a report pack, an import) and the daily runs' claims.

`Job` is what the user sees on "Your downloads": who asked for what, its progress, its file.
The queue itself is django-tasks-db's `DBTaskResult` table; a job names its current task
by `task_id`. `ScheduledRun` is one daily task's claim for one day: a worker inserts the
row before it enqueues the task, so two workers never enqueue it twice (unique name, day).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.history import AuditedHistoricalRecords
from core.roles import is_admin


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A job and its file are its owner's; administrators may see every one."""
        if is_admin(user):
            return self
        return self.filter(owner=user) if user.is_authenticated else self.none()


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        FINISHED = "finished", "Ready"
        FAILED = "failed", "Failed"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    # What the job works from (filters, a plan id, an upload token): never a secret.
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Private: served only by jobs.views.download, to the owner and administrators.
    file = models.FileField(upload_to="jobs/%Y/%m/", blank=True, max_length=300)
    filename = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    # A link the finished job leads to instead of a file (an import's plan page).
    result_url = models.CharField(max_length=300, blank=True)
    result_note = models.CharField(max_length=500, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the owner saw the outcome on "Your downloads" (the banner shows unseen ones).
    seen_at = models.DateTimeField(null=True, blank=True)

    history = AuditedHistoricalRecords()
    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="job_owner_recent"),
            models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))


class ScheduledRun(models.Model):
    """One daily task claimed for one day (Europe/London) by the worker that enqueued it."""

    name = models.CharField(max_length=60)
    on = models.DateField()
    claimed_at = models.DateTimeField(default=timezone.now)
    task_id = models.CharField(max_length=64, blank=True)

    history = AuditedHistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "on"], name="one_run_a_day")]

    def __str__(self) -> str:
        return f"{self.name} on {self.on}"
