"""Scrutiny challenges: a member's question on an action or a recommendation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from audit.history import AuditedHistoricalRecords
from improvement.models.actions import Action
from recommendations.models import Recommendation

USER = settings.AUTH_USER_MODEL


class ChallengeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Challenges on actions or recommendations the user may read."""
        return self.filter(
            Q(action__in=Action.objects.visible_to(user).values("pk"))
            | Q(recommendation__in=Recommendation.objects.visible_to(user).values("pk"))
        )


class ChallengeBase(models.Model):
    """What every scrutiny challenge has, whatever it is asked about (an action or a
    recommendation here, a measure in the measures app): the question, the answer and the
    states; the rules for answering and closing are in improvement/services/challenge_rules.py.
    Each concrete model keeps its own table, Meta and history."""

    class State(models.TextChoices):
        OPEN = "open", "Awaiting an answer"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    raised_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    raised_at = models.DateTimeField()
    question = models.TextField(max_length=5_000)
    answer = models.TextField(blank=True, max_length=10_000)
    answered_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.question[:80]


class Challenge(ChallengeBase):
    """A scrutiny member's question on an action or a recommendation."""

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
    raised_at = models.DateTimeField(default=timezone.now)
    history = AuditedHistoricalRecords()

    objects = ChallengeQuerySet.as_manager()

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

    @property
    def subject(self):
        return self.action or self.recommendation
