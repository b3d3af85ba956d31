"""The council's profile, its measures, their periods, values and targets."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from audit.history import AuditedHistoricalRecords
from core.clock import day_in_words
from core.roles import has_any_role
from core.validators import validate_one_line
from improvement.models import ChallengeBase
from measures.symbols import Symbol


class AreaType(models.TextChoices):
    COUNCIL = "council", "Council"
    NATIONAL = "national", "England"
    REGIONAL = "regional", "Region"
    NEIGHBOUR = "statistical_neighbour", "Statistical neighbour"
    NEIGHBOURS_AVERAGE = "neighbours_average", "Statistical neighbours' average"


ENGLAND_CODE = "E92000001"


class CouncilProfile(models.Model):
    """The council this installation serves: its codes, region and statistical neighbours.
    One row; `CouncilProfile.current()` reads it."""

    name = models.CharField(max_length=200)
    old_la_code = models.CharField("old local-authority code", max_length=3, blank=True)
    new_la_code = models.CharField("GSS code", max_length=9, blank=True)
    region_code = models.CharField(max_length=9, blank=True)
    region_name = models.CharField(max_length=100, blank=True)
    history = AuditedHistoricalRecords()

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "CouncilProfile | None":
        return cls.objects.order_by("pk").first()

    def codes(self) -> set[str]:
        return {code for code in (self.old_la_code, self.new_la_code) if code}


class StatisticalNeighbour(models.Model):
    """One of the council's ten statistical neighbours, nearest first."""

    profile = models.ForeignKey(CouncilProfile, on_delete=models.CASCADE, related_name="neighbours")
    rank = models.PositiveSmallIntegerField()
    old_la_code = models.CharField("old local-authority code", max_length=3)
    name = models.CharField(max_length=200, blank=True)
    closeness = models.CharField(max_length=50, blank=True)
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["profile", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "rank"], name="unique_neighbour_rank"),
            models.UniqueConstraint(fields=["profile", "old_la_code"], name="unique_neighbour"),
            models.CheckConstraint(condition=Q(rank__gte=1, rank__lte=10), name="rank_1_to_10"),
        ]

    def __str__(self) -> str:
        return self.name or self.old_la_code


class MeasureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Measures are plan data every role reads."""
        return self if has_any_role(user) else self.none()


class Measure(models.Model):
    class Unit(models.TextChoices):
        PERCENTAGE = "percentage", "Percentage"
        RATE = "rate", "Rate per 10,000 children"
        COUNT = "count", "Count"
        DAYS = "days", "Days"
        RATIO = "ratio", "Ratio"
        MONEY = "money", "Money (£)"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        CONTEXT = "context", "Context only"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual (calendar year)"
        REPORTING_YEAR = "reporting_year", "Reporting year (to 31 March)"

    class Source(models.TextChoices):
        LOCAL = "local", "The council's own figures"
        PUBLISHED = "published", "Published statistics"

    reference = models.CharField(max_length=50, unique=True, validators=[validate_one_line])
    title = models.CharField(max_length=300, validators=[validate_one_line])
    definition = models.TextField(blank=True, max_length=5_000)
    unit = models.CharField(max_length=12, choices=Unit.choices, default=Unit.COUNT)
    decimal_places = models.PositiveSmallIntegerField(default=0)
    polarity = models.CharField(max_length=8, choices=Polarity.choices, default=Polarity.CONTEXT)
    frequency = models.CharField(
        max_length=15, choices=Frequency.choices, default=Frequency.REPORTING_YEAR
    )
    # Not "source": the audit trail names its own column so on every history table.
    data_source = models.CharField(
        "source", max_length=10, choices=Source.choices, default=Source.LOCAL
    )
    publication = models.CharField(max_length=300, blank=True, help_text="For published figures.")
    series_key = models.CharField(
        max_length=500,
        blank=True,
        help_text="The published series it is imported from: indicator column and filter values.",
    )
    reporting_lag_days = models.PositiveSmallIntegerField(
        default=30, help_text="Days after a period ends by which its value is expected."
    )
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_measures",
    )
    lead_team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="measures"
    )
    priorities = models.ManyToManyField("improvement.Priority", blank=True, related_name="measures")
    actions = models.ManyToManyField("improvement.Action", blank=True, related_name="measures")
    recommendations = models.ManyToManyField(
        "recommendations.Recommendation", blank=True, related_name="measures"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit.")
    history = AuditedHistoricalRecords(m2m_fields=[priorities, actions, recommendations])

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["series_key"], condition=~Q(series_key=""), name="unique_series_key"
            ),
            models.CheckConstraint(condition=Q(decimal_places__lte=6), name="dp_at_most_6"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("measure_detail", args=[self.pk])


class Period(models.Model):
    """A span the figures cover, with the label as published (`time_period`,
    `time_identifier`): "2025" "Reporting year", "202425" "Financial year", "2025" "April"."""

    time_period = models.CharField(max_length=6)
    time_identifier = models.CharField(max_length=40)
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["end", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["time_period", "time_identifier"], name="unique_period_label"
            ),
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="period_order"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from measures.periods import period_label

        return period_label(self.time_period, self.time_identifier)


class MeasureValue(models.Model):
    """One figure of a measure for a period and an area: a number, or a symbol saying why
    there is none (never a zero in its place). Revisions keep history."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="values")
    area_type = models.CharField(max_length=21, choices=AreaType.choices)
    area_code = models.CharField(max_length=9)
    area_name = models.CharField(max_length=200, blank=True)
    value = models.DecimalField(max_digits=16, decimal_places=6, null=True, blank=True)
    symbol = models.CharField(max_length=12, choices=Symbol.choices, blank=True)
    note = models.TextField(blank=True, max_length=2_000)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["measure", "period__end", "area_type", "area_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period", "area_type", "area_code"], name="one_value_per_cell"
            ),
            models.CheckConstraint(
                condition=(Q(value__isnull=False) & Q(symbol=""))
                | (Q(value__isnull=True) & ~Q(symbol="")),
                name="value_or_symbol",
            ),
            models.CheckConstraint(
                condition=Q(area_type__in=[a.value for a in AreaType if a != "neighbours_average"]),
                name="stored_area_type",
            ),
        ]
        indexes = [models.Index(fields=["measure", "area_type", "period"])]

    def __str__(self) -> str:
        return f"{self.measure.reference} {self.period} {self.area_code}"


class Target(models.Model):
    """A measure's target for one period, or from a date on, with the band that makes amber."""

    class Tolerance(models.TextChoices):
        ABSOLUTE = "absolute", "Absolute (in the measure's unit)"
        PERCENTAGE = "percentage", "Percentage of the target"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, null=True, blank=True, related_name="targets"
    )
    from_date = models.DateField(null=True, blank=True)
    value = models.DecimalField(max_digits=16, decimal_places=6)
    tolerance = models.DecimalField(max_digits=16, decimal_places=6, default=0)
    tolerance_kind = models.CharField(
        max_length=10, choices=Tolerance.choices, default=Tolerance.ABSOLUTE
    )
    history = AuditedHistoricalRecords()

    class Meta:
        ordering = ["measure", "from_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period__isnull=False, from_date__isnull=True)
                | Q(period__isnull=True, from_date__isnull=False),
                name="target_period_or_from_date",
            ),
            models.CheckConstraint(condition=Q(tolerance__gte=0), name="tolerance_not_negative"),
            models.UniqueConstraint(fields=["measure", "period"], name="one_target_per_period"),
            models.UniqueConstraint(fields=["measure", "from_date"], name="one_target_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.reference} target {self.value}"

    @property
    def applies(self) -> str:
        """When it applies, in words: "for 2024-25" or "from 1 April 2024"."""
        if self.period_id:
            return f"for {self.period.label}"
        return f"from {day_in_words(self.from_date)}"


class ImportMapping(models.Model):
    """The choices made for a published file, remembered by its name for next year's."""

    file_name = models.CharField(max_length=255, unique=True)
    choices = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.file_name


class MeasureChallengeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Challenges on measures: plan data every role reads."""
        return self if has_any_role(user) else self.none()


class MeasureChallenge(ChallengeBase):
    """A scrutiny member's question on a measure, answered by its lead or a plan manager.
    The states, fields and rules of a challenge on an action (improvement.ChallengeBase)."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="challenges")
    history = AuditedHistoricalRecords()

    objects = MeasureChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["state"])]

    def get_absolute_url(self) -> str:
        return reverse("measure_detail", args=[self.measure_id]) + "#challenges"
