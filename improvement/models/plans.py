"""Plans and their priorities, and who may read them."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from audit.history import AuditedHistoricalRecords
from core.roles import can_read_confidential, has_any_role


def plan_visible_q(user) -> Q | None:
    """Who may read a plan: a plan answering only confidential inspections, with no action
    the user may read, is hidden. None means every plan."""
    from improvement.models.actions import Action  # actions refer to plans: import late

    if can_read_confidential(user):
        return None
    links = Plan.inspections.through.objects.filter(plan=OuterRef("pk"))
    return (
        ~Q(Exists(links.filter(inspection__is_confidential=True)))
        | Q(Exists(links.filter(inspection__is_confidential=False)))
        | Q(Exists(Action.objects.visible_to(user).filter(priority__plan=OuterRef("pk"))))
    )


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans the user may read (`plan_visible_q`); what a plan shows is scoped per action."""
        if not has_any_role(user):
            return self.none()
        visible = plan_visible_q(user)
        return self if visible is None else self.filter(visible)


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
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = AuditedHistoricalRecords(m2m_fields=[inspections])

    objects = PlanQuerySet.as_manager()

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


class PriorityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Priorities of the plans the user may read."""
        return self.filter(plan__in=Plan.objects.visible_to(user))


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit.")
    history = AuditedHistoricalRecords()

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_priority_number"),
        ]

    def __str__(self) -> str:
        return self.numbered(self.number, self.title)

    @staticmethod
    def numbered(number: int, title: str) -> str:
        """How a priority is named in lists and choices: "2. Early help"."""
        return f"{number}. {title}"
