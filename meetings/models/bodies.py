"""Boards and panels, their members and their meetings."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from audit.history import AuditedHistoricalRecords
from core.roles import has_any_role


class BodyKind(models.Model):
    """What kind of body: improvement board, scrutiny panel, cabinet, corporate parenting
    panel (reference data an administrator extends in admin)."""

    name = models.CharField(max_length=100, unique=True)
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BodyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Bodies and their meetings are plan data every role reads."""
        return self if has_any_role(user) else self.none()


class Body(models.Model):
    """A committee or board that oversees plans and measures."""

    class PublicNames(models.TextChoices):
        NAMES = "names", "Show staff names"
        ROLES = "roles", "Replace staff names with their role"

    name = models.CharField(max_length=200, unique=True)
    kind = models.ForeignKey(BodyKind, on_delete=models.PROTECT, related_name="bodies")
    plans = models.ManyToManyField("improvement.Plan", blank=True, related_name="bodies")
    measures = models.ManyToManyField("measures.Measure", blank=True, related_name="bodies")
    publishes_packs = models.BooleanField(
        "publish packs for the public",
        default=False,
        help_text="Published packs get an anonymous, read-only page the council can link to.",
    )
    public_names = models.CharField(
        max_length=10, choices=PublicNames.choices, default=PublicNames.ROLES
    )
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit.")
    history = AuditedHistoricalRecords()

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("body_detail", args=[self.pk])


class BodyMemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(body__in=Body.objects.visible_to(user).values("pk"))


def new_calendar_key() -> str:
    return secrets.token_hex(16)


class BodyMember(models.Model):
    """A member of a body: a user, or a name as written for someone without an account."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_memberships",
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="For a member without an account."
    )
    role = models.CharField(max_length=200, blank=True, help_text="For example, chair.")
    # Part of the salt that signs the member's calendar address: a new key revokes the old
    # address. Not a secret on its own (the signature needs SECRET_KEY), but kept out of history.
    calendar_key = models.CharField(max_length=32, default=new_calendar_key, editable=False)
    history = AuditedHistoricalRecords(excluded_fields=["calendar_key"])

    objects = BodyMemberQuerySet.as_manager()

    class Meta:
        ordering = ["body", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""),
                name="body_member_user_or_name",
            ),
            models.UniqueConstraint(
                fields=["body", "user"],
                condition=models.Q(user__isnull=False),
                name="unique_body_member_user",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.email
        return self.name


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(body__in=Body.objects.visible_to(user).values("pk"))


class Meeting(models.Model):
    """One meeting of a body."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        PAPERS_PUBLISHED = "papers_published", "Papers published"
        HELD = "held", "Held"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True, help_text="A room, or Online.")
    online_link = models.URLField(blank=True)
    papers_date = models.DateField(
        help_text="The day the papers are written: the pack is as at this date."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    challenges = models.ManyToManyField(
        "improvement.Challenge",
        blank=True,
        related_name="meetings",
        help_text="Challenges raised at the meeting.",
    )
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit.")
    history = AuditedHistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["body", "-date"]
        indexes = [models.Index(fields=["body", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(papers_date__lte=models.F("date")),
                name="meeting_papers_not_after_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} on {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", args=[self.pk])

    def next_status(self) -> "str | None":
        """The status a meeting moves to next (planned, papers published, held, minutes
        approved), or None at the end."""
        order = list(self.Status.values)
        at = order.index(self.status)
        return order[at + 1] if at + 1 < len(order) else None

    def previous(self) -> "Meeting | None":
        """The body's last meeting before this one: "what changed since" starts there."""
        return (
            Meeting.objects.filter(body_id=self.body_id, date__lt=self.date)
            .order_by("-date")
            .first()
        )
