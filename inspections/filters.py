"""Filters for the inspections register, kept in the URL so a view can be shared."""

import django_filters

from core.roles import can_read_confidential
from inspections.models import Inspection
from recommendations.filters import FilterForm


class InspectionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=Inspection.Kind.choices, empty_label="All kinds"
    )
    body = django_filters.ChoiceFilter(label="Carried out by", empty_label="Anyone")
    year = django_filters.ChoiceFilter(
        label="Year", field_name="start_date", lookup_expr="year", empty_label="Any year"
    )
    confidential = django_filters.ChoiceFilter(
        label="Confidential",
        field_name="is_confidential",
        choices=[("yes", "Confidential only"), ("no", "Published only")],
        empty_label="Both",
        method="filter_confidential",
    )

    class Meta:
        model = Inspection
        fields = ["kind", "body", "year", "confidential"]
        form = FilterForm

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        bodies = self.queryset.order_by("body").values_list("body", flat=True).distinct()
        self.filters["body"].extra["choices"] = [(body, body) for body in bodies]
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]
        if self.request is None or not can_read_confidential(self.request.user):
            del self.filters["confidential"]

    def filter_confidential(self, queryset, name, value):
        return queryset.filter(is_confidential=(value == "yes"))
