from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse

from audit.history import AuditedHistoricalRecords
from inspections.working_days import add_working_days


class InspectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        from core.roles import can_read_confidential, has_any_role

        if not has_any_role(user):
            return self.none()
        return self if can_read_confidential(user) else self.filter(is_confidential=False)


class Inspection(models.Model):
    """Any review that yields recommendations: an Ofsted inspection, a scrutiny review..."""

    class Kind(models.TextChoices):
        ILACS_STANDARD = "ilacs_standard", "Ofsted ILACS standard inspection"
        ILACS_SHORT = "ilacs_short", "Ofsted ILACS short inspection"
        FOCUSED_VISIT = "focused_visit", "Ofsted focused visit"
        MONITORING_VISIT = "monitoring_visit", "Ofsted monitoring visit"
        JTAI = "jtai", "Joint targeted area inspection"
        SEND = "send", "SEND area inspection"
        PEER_REVIEW = "peer_review", "Peer review"
        SCRUTINY_REVIEW = "scrutiny_review", "Scrutiny review"
        COMMISSIONER_REVIEW = "commissioner_review", "Commissioner review"
        INTERNAL_AUDIT = "internal_audit", "Internal audit"
        SELF_ASSESSMENT = "self_assessment", "Self-assessment"
        OTHER = "other", "Other"

    # Ofsted expects a written statement of action within 70 working days of the report,
    # or an early draft within 20 after a focused visit with areas for priority action.
    PLAN_DUE_WORKING_DAYS = 70
    EARLY_DRAFT_WORKING_DAYS = 20

    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=300)
    body = models.CharField(
        max_length=200, help_text="Who carried it out, for example Ofsted or a scrutiny panel."
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    published_on = models.DateField("report published", null=True, blank=True)
    lead_inspector = models.CharField("lead inspector or chair", max_length=200, blank=True)
    summary = models.TextField(blank=True, max_length=20_000)
    report_url = models.URLField("link to the report", blank=True, max_length=500)
    report_file = models.FileField(upload_to="inspection-reports/%Y/", blank=True)
    has_priority_actions = models.BooleanField(
        "areas for priority action",
        default=False,
        help_text="A focused visit with areas for priority action needs an early draft plan.",
    )
    is_confidential = models.BooleanField(
        default=False, help_text="Unpublished: hidden from scrutiny members."
    )
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistoricalRecords()

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        indexes = [models.Index(fields=["is_confidential"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="inspection_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspection_detail", args=[self.pk])

    @property
    def plan_due_date(self) -> date | None:
        """When the written statement of action is due, counted in England's working days."""
        if not self.published_on or self.kind not in OFSTED_KINDS:
            return None
        days = (
            self.EARLY_DRAFT_WORKING_DAYS
            if self.has_priority_actions and self.kind == self.Kind.FOCUSED_VISIT
            else self.PLAN_DUE_WORKING_DAYS
        )
        return add_working_days(self.published_on, days)


OFSTED_KINDS = {
    Inspection.Kind.ILACS_STANDARD,
    Inspection.Kind.ILACS_SHORT,
    Inspection.Kind.FOCUSED_VISIT,
    Inspection.Kind.JTAI,
    Inspection.Kind.SEND,
}


class JudgementArea(models.Model):
    """Reference data: the ILACS framework changes, so admins can add areas."""

    name = models.CharField(max_length=300, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Judgement(models.Model):
    class Grade(models.IntegerChoices):
        OUTSTANDING = 1, "Outstanding"
        GOOD = 2, "Good"
        REQUIRES_IMPROVEMENT = 3, "Requires improvement to be good"
        INADEQUATE = 4, "Inadequate"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.ForeignKey(JudgementArea, on_delete=models.PROTECT, related_name="judgements")
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["inspection__start_date", "area__order"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "area"], name="one_grade_per_area"),
            models.CheckConstraint(condition=Q(grade__gte=1, grade__lte=4), name="grade_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.get_grade_display()}"
