"""Measures with the summary their pages show, and their values in the tidy shape of
`export_measures`. Every figure of a summary comes from measures.summary.summarise."""

from decimal import Decimal
from types import SimpleNamespace

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.plans import PersonSerializer, TeamSerializer
from measures import rules_performance as perf
from measures.models import AreaType, Measure, MeasureValue, Target
from measures.summary import MeasureSummary
from measures.symbols import Symbol

COMPARISONS = [perf.BETTER, perf.WORSE, perf.SAME, perf.HIGHER_THAN, perf.LOWER_THAN]


class Figure(serializers.DecimalField):
    """A figure as a number, as the export writes it: no trailing zeros, no exponent."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(max_digits=16, decimal_places=6, coerce_to_string=False, **kwargs)

    def to_representation(self, value):
        return None if value is None else Decimal(format(Decimal(value).normalize(), "f"))


def summary_facts(summary: MeasureSummary) -> SimpleNamespace:
    """A summary's figures, one attribute each (what a CSV column reads)."""
    latest, previous, target = summary.latest, summary.previous, summary.target
    england, region, neighbours = summary.comparisons or [None, None, None]
    average = latest.average if latest else None
    return SimpleNamespace(
        period=latest.period if latest else None,
        value=summary.value,
        previous_period=previous.period if previous else None,
        previous_value=previous.council.value if previous else None,
        target=target,
        rag=summary.rag,
        rag_words=summary.rag_words,
        direction=summary.direction,
        direction_words=summary.direction_words,
        england=england,
        region=region,
        neighbours=neighbours,
        neighbours_used=average.used if average else None,
        neighbours_of=average.of if average else None,
        due=summary.due,
    )


def _null(field_class, source: str | None = None, **kwargs):
    if source:
        kwargs["source"] = source
    return field_class(allow_null=True, read_only=True, **kwargs)


def _choice(source: str | None, choices: list[str]):
    return _null(serializers.ChoiceField, source, choices=choices)


def _compared(name: str):
    """How the council's latest figure compares (one text field each: a shared choice set
    under three names would give the schema three names for one enum)."""
    words = ", ".join(COMPARISONS)
    return _null(serializers.CharField, f"{name}.result", help_text=f"One of {words}; or null")


class MeasureSummarySerializer(serializers.Serializer):
    period = _null(serializers.CharField, "period.label", help_text="The latest period's label")
    time_period = _null(serializers.CharField, "period.time_period")
    time_identifier = _null(serializers.CharField, "period.time_identifier")
    period_start = _null(serializers.DateField, "period.start")
    period_end = _null(serializers.DateField, "period.end")
    value = Figure(read_only=True, help_text="The council's latest figure")
    previous_period = _null(serializers.CharField, "previous_period.label")
    previous_value = Figure(read_only=True)
    target = Figure(source="target.value", read_only=True)
    tolerance = Figure(source="target.tolerance", read_only=True)
    tolerance_kind = _choice("target.tolerance_kind", Target.Tolerance.values)
    rag = _choice(None, [perf.GREEN, perf.AMBER, perf.RED])
    rag_words = serializers.CharField(read_only=True)
    direction = _choice(None, list(perf.DIRECTION_WORDS))
    direction_words = serializers.CharField(read_only=True)
    england = Figure(source="england.value", read_only=True)
    against_england = _compared("england")
    region = Figure(source="region.value", read_only=True)
    against_region = _compared("region")
    neighbours_average = Figure(source="neighbours.value", read_only=True)
    neighbours_average_used = _null(
        serializers.IntegerField, "neighbours_used", help_text="Neighbours with a figure"
    )
    neighbours_average_of = _null(serializers.IntegerField, "neighbours_of")
    against_neighbours_average = _compared("neighbours")
    due = serializers.BooleanField(read_only=True)


class MeasureSerializer(serializers.ModelSerializer):
    source = serializers.ChoiceField(
        source="data_source", choices=Measure.Source.choices, read_only=True
    )
    lead_user = PersonSerializer(read_only=True, allow_null=True)
    lead_team = TeamSerializer(read_only=True, allow_null=True)
    priorities = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    recommendations = serializers.SerializerMethodField()
    summary = MeasureSummarySerializer(source="summary_facts", read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "reference",
            "title",
            "definition",
            "unit",
            "decimal_places",
            "polarity",
            "frequency",
            "source",
            "publication",
            "reporting_lag_days",
            "lead_user",
            "lead_team",
            "priorities",
            "actions",
            "recommendations",
            "summary",
            "created_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_priorities(self, measure) -> list[int]:
        """Only the priorities the reader may see (api.selectors.attach_measure_facts)."""
        return measure.visible_priority_ids

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_actions(self, measure) -> list[int]:
        return measure.visible_action_ids

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_recommendations(self, measure) -> list[int]:
        return measure.visible_recommendation_ids


class MeasureValueSerializer(serializers.Serializer):
    """One value in the tidy shape of `export_measures` (a number, or a symbol saying why
    there is none), with its ids and when it was recorded."""

    id = serializers.IntegerField(read_only=True)
    measure = serializers.IntegerField(source="measure_id", read_only=True)
    measure_reference = serializers.CharField(source="measure.reference", read_only=True)
    time_period = serializers.CharField(source="period.time_period", read_only=True)
    time_identifier = serializers.CharField(source="period.time_identifier", read_only=True)
    period_start = serializers.DateField(source="period.start", read_only=True)
    period_end = serializers.DateField(source="period.end", read_only=True)
    area_type = serializers.ChoiceField(choices=AreaType.choices, read_only=True)
    area_code = serializers.CharField(read_only=True)
    area_name = serializers.CharField(read_only=True)
    value = Figure(read_only=True)
    symbol = serializers.ChoiceField(
        choices=[("", "None: there is a value"), *Symbol.choices], read_only=True
    )
    target = Figure(source="target_value", read_only=True, help_text="On council rows only")
    note = serializers.CharField(read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = MeasureValue
