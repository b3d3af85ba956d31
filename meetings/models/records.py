"""What a meeting recorded: who attended, and what it decided."""

from django.db import models

from audit.history import AuditedHistoricalRecords
from meetings.models.bodies import BodyMember, Meeting


class Attendance(models.Model):
    """One person at (or missing from) a meeting: a member of the body, or someone else
    attending by name. The name is kept as written, so the record outlives the membership."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        BodyMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="attendance"
    )
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PRESENT)
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=models.Q(member__isnull=False),
                name="unique_attendance_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_status_display()}"


class Decision(models.Model):
    """A numbered decision of a meeting, as the minutes word it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveIntegerField()
    text = models.TextField(max_length=5_000)
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_decision_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"
