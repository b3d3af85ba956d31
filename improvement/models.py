"""Plans, priorities, actions and everything recorded against an action."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from audit.history import AuditedHistoricalRecords
from improvement import status as rules_of_status
from improvement.status import OPEN, Status

USER = settings.AUTH_USER_MODEL


class Plan(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, max_length=10_000)
    owner_board = models.CharField(max_length=200, default="Improvement Board")
    status = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    update_cycle_days = models.PositiveSmallIntegerField(
        default=30, help_text="How often, in days, action leads must post an update."
    )
    inspections = models.ManyToManyField(
        "inspections.Inspection", blank=True, related_name="plans", help_text="What it answers."
    )
    approved_on = models.DateField(null=True, blank=True)
    carried_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="successors"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistoricalRecords(m2m_fields=[inspections])

    class Meta:
        ordering = ["-start_date", "title"]
        permissions = [("import_plan", "Can import a plan from a spreadsheet")]
        constraints = [
            models.CheckConstraint(
                condition=Q(update_cycle_days__gte=1, update_cycle_days__lte=365),
                name="update_cycle_1_to_365_days",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan_detail", args=[self.pk])


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_priority_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Actions the user may read: scrutiny members never see confidential-only actions."""
        from core.roles import can_read_confidential, has_any_role

        if not has_any_role(user):
            return self.none()
        if can_read_confidential(user):
            return self
        return self.filter(is_confidential_only=False)


def _links(*, confidential: bool):
    """An action's links to recommendations from confidential (or public) inspections."""
    return Action.recommendations.through.objects.filter(
        action=OuterRef("pk"), recommendation__inspection__is_confidential=confidential
    )


def confidential_only_q() -> Q:
    """An action answering confidential recommendations and no public one: the rule behind
    `Action.is_confidential_only` (improvement/confidentiality.py keeps the flag true)."""
    return Q(Exists(_links(confidential=True))) & ~Q(Exists(_links(confidential=False)))


class Action(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="actions")
    order = models.PositiveSmallIntegerField(help_text="Position within the priority.")
    recommendations = models.ManyToManyField(
        "recommendations.Recommendation", blank=True, related_name="actions"
    )
    description = models.TextField("action", max_length=10_000)
    intended_outcome = models.TextField(blank=True, max_length=10_000)
    measure = models.TextField(
        "evidence of impact", blank=True, max_length=10_000, help_text="How we will know."
    )
    timescale = models.CharField(
        max_length=100, blank=True, help_text="As written, for example Immediate or 3 months."
    )
    lead_officers = models.ManyToManyField(USER, blank=True, related_name="led_actions")
    lead_names = models.CharField(
        max_length=1_000, blank=True, help_text="Leads who are not users, for example Named Nurse."
    )
    lead_team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    original_target_date = models.DateField(null=True, blank=True)
    target_date = models.DateField("current target date", null=True, blank=True)
    # The latest progress update's values, kept here so lists and dashboards can filter and
    # count in SQL; services.progress_update_post is the only writer.
    declared_status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    last_update_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    verified_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verification_note = models.TextField(blank=True, max_length=5_000)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True, max_length=5_000)
    closed_reason = models.TextField(blank=True, max_length=2_000)
    # Derived from the links above, kept so a scrutiny member's every list and count
    # filters one column instead of testing links row by row (improvement/confidentiality.py).
    is_confidential_only = models.BooleanField(default=False, editable=False)
    carried_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_from"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit.")
    history = AuditedHistoricalRecords(
        m2m_fields=[recommendations, lead_officers], excluded_fields=["is_confidential_only"]
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["priority__plan", "priority__number", "order"]
        permissions = [
            ("verify_action", "Can verify a completed action"),
            ("view_confidential", "Can read confidential items"),
            ("view_audit_trail", "Can read the audit trail"),
        ]
        indexes = [
            models.Index(fields=["declared_status"]),
            models.Index(fields=["target_date"]),
            models.Index(fields=["last_update_at"]),
            models.Index(fields=["declared_status", "target_date"]),
            # Everything the dashboard counts, read from the index alone (PostgreSQL).
            models.Index(
                fields=["is_confidential_only", "priority"],
                include=["id", "declared_status", "target_date", "last_update_at", "created_at"],
                name="action_counts_idx",
            ),
            # The dashboard's overdue and stale lists: open actions by target date, and by
            # oldest activity first (queries filter `declared_status__in=OPEN` to use them).
            models.Index(
                fields=["target_date"],
                name="action_open_target_idx",
                condition=Q(declared_status__in=OPEN),
            ),
            models.Index(
                Coalesce("last_update_at", "created_at"),
                name="action_open_activity_idx",
                condition=Q(declared_status__in=OPEN),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["priority", "order"], name="unique_action_order"),
            models.CheckConstraint(
                condition=Q(percent_complete__isnull=True)
                | Q(percent_complete__gte=0, percent_complete__lte=100),
                name="action_percent_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("action_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"{self.priority.number}.{self.order}"

    @property
    def title(self) -> str:
        first_line = self.description.strip().splitlines()[0] if self.description.strip() else ""
        return first_line if len(first_line) <= 120 else first_line[:117].rstrip() + "…"

    @property
    def status_label(self) -> str:
        return Status(self.declared_status).label

    @property
    def start_date(self):
        """When the clock for pace starts: the later of plan start and action creation."""
        return max(self.priority.plan.start_date, rules_of_status.local_date(self.created_at))

    @property
    def last_activity(self):
        return self.last_update_at or self.created_at

    def is_overdue(self, on=None) -> bool:
        return rules_of_status.is_overdue(
            self.target_date, self.declared_status, on or rules_of_status.today()
        )

    def is_stale(self, on=None) -> bool:
        return rules_of_status.is_stale(
            self.last_activity,
            self.priority.plan.update_cycle_days,
            self.declared_status,
            on or rules_of_status.today(),
        )

    def effective_status(self, on=None) -> str:
        return rules_of_status.effective_status(self.declared_status, self.is_overdue(on))

    def pace(self, on=None):
        return rules_of_status.pace(
            self.percent_complete,
            self.start_date,
            self.target_date,
            on or rules_of_status.today(),
            self.declared_status,
        )

    @property
    def is_returned(self) -> bool:
        """Returned by a verifier and not updated since."""
        return bool(self.returned_at) and (
            self.last_update_at is None or self.last_update_at <= self.returned_at
        )


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
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        # Matches the "latest update" ordering (-created_at, -pk) used across the app.
        indexes = [
            models.Index(fields=["action", "-created_at", "-id"], name="update_action_latest_idx"),
            # "Completed or verified since": a range of recent updates of one status.
            models.Index(fields=["status", "created_at"], name="update_status_time_idx"),
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


class Challenge(models.Model):
    """A scrutiny member's question on an action or a recommendation."""

    class State(models.TextChoices):
        OPEN = "open", "Awaiting an answer"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, null=True, blank=True, related_name="challenges"
    )
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenges",
    )
    raised_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    question = models.TextField(max_length=5_000)
    answer = models.TextField(blank=True, max_length=10_000)
    answered_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["state"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(action__isnull=False) & Q(recommendation__isnull=True))
                | (Q(action__isnull=True) & Q(recommendation__isnull=False)),
                name="challenge_on_action_or_recommendation",
            ),
        ]

    def __str__(self) -> str:
        return self.question[:80]

    @property
    def subject(self):
        return self.action or self.recommendation


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
