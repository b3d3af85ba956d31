"""Actions: the work a plan commits to, who leads it and who may read it."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from audit.history import AuditedHistoricalRecords
from core.roles import can_read_confidential, has_any_role
from improvement import status as rules_of_status
from improvement.impact import Impact
from improvement.models.plans import Priority
from improvement.status import OPEN, Status

USER = settings.AUTH_USER_MODEL


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Actions the user may read: scrutiny members never see confidential-only actions."""
        if not has_any_role(user):
            return self.none()
        if can_read_confidential(user):
            return self
        return self.filter(is_confidential_only=False)

    def led_by(self, user):
        """Actions the user leads: named as a lead officer, or through one of their teams.

        The one rule of who leads an action; `Action.is_led_by` asks it of one loaded action
        and tests/improvement/test_visibility.py runs the same cases through both.
        """
        if not user.is_authenticated:
            return self.none()
        # One id list, the UNION of both, found through the lead and team indexes. Written as
        # "named OR by team", PostgreSQL tested every action against both lists
        # (docs/performance.md).
        named = self.model.lead_officers.through.objects.filter(user=user).values("action_id")
        teams = user.teams.through.objects.filter(user=user).values("team_id")
        by_team = self.model.objects.filter(lead_team__in=teams).order_by().values("pk")
        return self.filter(pk__in=named.union(by_team, all=True))


def _team_ids(user) -> set[int]:
    """The user's team ids, cached on the user object for the request."""
    if not hasattr(user, "_team_ids"):
        user._team_ids = set(user.teams.values_list("pk", flat=True))
    return user._team_ids


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
    # Whether the work made the difference it was meant to (improvement/impact.py): judged
    # when the action is verified, or later, with the linked measures' movement as it read
    # then, so the judgement reads the same afterwards.
    impact = models.CharField(max_length=14, choices=Impact.choices, blank=True)
    impact_note = models.TextField(blank=True, max_length=5_000)
    impact_recorded_at = models.DateTimeField(null=True, blank=True)
    impact_recorded_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    impact_movement = models.JSONField(default=list, blank=True)
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
            # Everything the dashboard counts, and what a past day's short lists rank by
            # (`order`), read from the index alone (PostgreSQL).
            models.Index(
                fields=["is_confidential_only", "priority"],
                include=[
                    "id",
                    "declared_status",
                    "target_date",
                    "last_update_at",
                    "created_at",
                    "impact",
                    "impact_recorded_at",
                    "order",
                ],
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
        return self.numbered(self.priority.number, self.order)

    @staticmethod
    def numbered(priority_number: int, order: int) -> str:
        """How an action is referred to in lists, exports and the audit trail: "2.3"."""
        return f"{priority_number}.{order}"

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

    def is_led_by(self, user) -> bool:
        """`ActionQuerySet.led_by` for one action already loaded (reads prefetched leads)."""
        if not user.is_authenticated:
            return False
        if any(lead.pk == user.pk for lead in self.lead_officers.all()):
            return True
        return self.lead_team_id is not None and self.lead_team_id in _team_ids(user)

    @property
    def is_returned(self) -> bool:
        """Returned by a verifier and not updated since."""
        return bool(self.returned_at) and (
            self.last_update_at is None or self.last_update_at <= self.returned_at
        )
