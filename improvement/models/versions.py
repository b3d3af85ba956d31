"""Plan versions put to sign-off, and each named approver's decision on one.

A version freezes the plan as it stood when a plan manager put it to sign-off: a JSON
snapshot (built by `improvement.selectors.versions.plan_snapshot`) and its SHA-256, both
kept in the audit trail. Later changes to the plan never alter a version. Only the
sign-off service (`improvement/services/sign_off.py`) writes these records.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from audit.history import AuditedHistoricalRecords
from improvement.models.plans import Plan

USER = settings.AUTH_USER_MODEL


class PlanVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Versions of the plans the user may read; confidential actions in a snapshot are
        left out for those who may not read them (`selectors.versions.frozen_priorities`)."""
        return self.filter(plan__in=Plan.objects.visible_to(user))


class PlanVersion(models.Model):
    class State(models.TextChoices):
        AWAITING = "awaiting", "Awaiting sign-off"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.AWAITING)
    snapshot = models.JSONField(help_text="The plan as it stood when put to sign-off.")
    snapshot_sha256 = models.CharField("SHA-256 of the snapshot", max_length=64)
    submitted_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    sent_to_ofsted_on = models.DateField(null=True, blank=True)
    history = AuditedHistoricalRecords()

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version_number"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(state="awaiting"),
                name="one_plan_version_awaiting_sign_off",
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plan_version_detail", args=[self.pk])


class SignOffQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(version__in=PlanVersion.objects.visible_to(user))

    def waiting_for(self, user):
        """Decisions the user still owes on versions awaiting sign-off."""
        return self.filter(
            approver=user,
            decision=SignOff.Decision.PENDING,
            version__state=PlanVersion.State.AWAITING,
        )


class SignOff(models.Model):
    """One named approver's decision on a version."""

    class Decision(models.TextChoices):
        PENDING = "pending", "Not yet decided"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned"

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="sign_offs")
    approver = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="sign_offs")
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(blank=True, max_length=2_000)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = AuditedHistoricalRecords()

    objects = SignOffQuerySet.as_manager()

    class Meta:
        ordering = ["version", "pk"]
        verbose_name = "sign-off"
        constraints = [
            models.UniqueConstraint(fields=["version", "approver"], name="unique_sign_off"),
        ]

    def __str__(self) -> str:
        return f"{self.approver} on {self.version}"
