import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from audit.history import AuditedHistoricalRecords
from core.validators import validate_one_line


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user):
        from core.roles import can_read_confidential, has_any_role

        if not has_any_role(user):
            return self.none()

        if can_read_confidential(user):
            return self
        return self.filter(inspection__is_confidential=False)


class Recommendation(models.Model):
    class Response(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        PARTIALLY_ACCEPTED = "partially_accepted", "Partially accepted"
        ACCEPTED_IN_PRINCIPLE = "accepted_in_principle", "Accepted in principle"
        REJECTED = "rejected", "Rejected"
        NOTED = "noted", "Noted"

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="recommendations"
    )
    reference = models.CharField(
        max_length=50,
        help_text="As the source numbers it, for example R15 or Recommendation 9.",
        validators=[validate_one_line],  # it reaches e-mail subjects
    )
    sort_key = models.PositiveIntegerField(default=0, editable=False)
    text = models.TextField(max_length=10_000)
    theme = models.CharField(max_length=200, blank=True)
    response = models.CharField(max_length=30, choices=Response.choices, blank=True)
    response_text = models.TextField(blank=True, max_length=10_000)
    response_date = models.DateField(null=True, blank=True)
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_recommendations",
    )
    rejection_reason = models.TextField(blank=True, max_length=10_000)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(blank=True, max_length=2_000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = AuditedHistoricalRecords(excluded_fields=["sort_key"])

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["inspection__start_date", "sort_key", "reference"]
        indexes = [models.Index(fields=["response"])]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "reference"], name="unique_reference_per_inspection"
            ),
            models.CheckConstraint(
                condition=~Q(response="rejected") | ~Q(rejection_reason=""),
                name="rejection_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"

    def save(self, *args, **kwargs):
        digits = re.search(r"\d+", self.reference or "")
        self.sort_key = int(digits.group()) if digits else 0
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("recommendation_detail", args=[self.pk])
