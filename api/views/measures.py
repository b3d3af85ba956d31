"""Measures, with the summary their pages show, and their values (tidy, as the export)."""

import django_filters
from django.db.models import Exists, OuterRef
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from api import selectors
from api.filters import UPDATED_SINCE, IdFilter, changed_since
from api.serializers.measures import MeasureSerializer, MeasureValueSerializer, summary_facts
from api.views.base import ReadOnlyApiViewSet
from api.views.plans import AsAtSerializer
from core.clock import end_of_day, today
from core.forms import BoundedDateField
from measures.models import AreaType, Measure, MeasureValue, Target

VALUES_AS_AT = OpenApiParameter(
    "as_at",
    OpenApiTypes.DATE,
    description=(
        "The values as known at the end of this day (ISO 8601, 2026-03-31): each value's "
        "revision recorded by then, none recorded later. The current values if left out."
    ),
)


class AttachedRows:
    """Rows whose related facts are set on each page of records, a few queries a page (JSON
    pages, CSV chunks and single records alike), in place of per-row prefetches."""

    def attach(self, records: list) -> None:
        raise NotImplementedError

    def csv_attach(self):
        return self.attach

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            self.attach(page)
        return page

    def get_object(self):
        record = super().get_object()
        self.attach([record])
        return record


class MeasureFilter(django_filters.FilterSet):
    priority = IdFilter(field_name="priorities")
    source = django_filters.ChoiceFilter(field_name="data_source", choices=Measure.Source.choices)

    class Meta:
        model = Measure
        fields = []


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class MeasureViewSet(AttachedRows, ReadOnlyApiViewSet):
    """Measures with their linked records (those the reader may see) and the summary the
    register, the measure page and the scorecard show."""

    serializer_class = MeasureSerializer
    selector = selectors.measures
    filterset_class = MeasureFilter
    csv_name = "measures"

    def attach(self, records: list) -> None:
        selectors.attach_measure_facts(self.request.user, records, today=today())
        for measure in records:
            measure.summary_facts = summary_facts(measure.summary)

    @staticmethod
    def updated_since_q(moment):
        """A measure changed (its history, links included), or a value or target of it
        recorded or changed since."""
        return (
            Exists(Measure.history.filter(id=OuterRef("pk"), history_date__gte=moment))
            | Exists(MeasureValue.objects.filter(measure=OuterRef("pk"), recorded_at__gte=moment))
            | Exists(Target.history.filter(measure_id=OuterRef("pk"), history_date__gte=moment))
        )


class _DateFilter(django_filters.DateFilter):
    field_class = BoundedDateField


class MeasureValueFilter(django_filters.FilterSet):
    """No model named: it filters the stored values and their history (`as_at`) alike."""

    measure = IdFilter(field_name="measure_id")
    reference = django_filters.CharFilter(field_name="measure__reference")
    area_type = django_filters.ChoiceFilter(choices=AreaType.choices)
    time_period = django_filters.CharFilter(field_name="period__time_period")
    time_identifier = django_filters.CharFilter(field_name="period__time_identifier")
    period_from = _DateFilter(
        field_name="period__end", lookup_expr="gte", help_text="Periods ending on or after"
    )
    period_to = _DateFilter(
        field_name="period__start", lookup_expr="lte", help_text="Periods starting on or before"
    )


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE, VALUES_AS_AT]))
class MeasureValueViewSet(AttachedRows, ReadOnlyApiViewSet):
    """Every stored value of every measure: the council's, England's, the region's and each
    neighbour's, with the council's target for the period."""

    serializer_class = MeasureValueSerializer
    filterset_class = MeasureValueFilter
    updated_since_q = staticmethod(changed_since("recorded_at"))
    csv_name = "measure-values"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MeasureValue.objects.none()
        as_at = None
        if self.action == "list":  # one value is read by its id, as it is now
            asked = AsAtSerializer(data=self.request.query_params)
            asked.is_valid(raise_exception=True)
            day = asked.validated_data.get("as_at")
            as_at = end_of_day(day) if day else None
        return selectors.measure_values(self.request.user, as_at=as_at)

    def attach(self, records: list) -> None:
        selectors.attach_value_targets(records)
