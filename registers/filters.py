"""Filters for the inspections and recommendations registers. Every filter lives in the URL,
so a filtered register can be bookmarked and shared."""

import django_filters
from django.db.models import Q

from core.filtersets import PerRequestFilterSet
from core.forms import GovForm
from core.roles import can_read_confidential
from improvement.recommendation_status import DerivedStatus
from inspections.models import Inspection
from recommendations.models import Recommendation

NO_RESPONSE = "none"


class FilterForm(GovForm):
    """GOV.UK markup for a register's filters; submitted with GET."""

    submit_label = "Apply filters"


def visible_inspections(request):
    if request is None:
        return Inspection.objects.none()
    return Inspection.objects.visible_to(request.user).order_by("-start_date", "title")


class RecommendationFilter(PerRequestFilterSet):
    q = django_filters.CharFilter(label="Search", method="search")
    inspection = django_filters.ModelChoiceFilter(
        label="Source", queryset=visible_inspections, empty_label="All sources"
    )
    response = django_filters.ChoiceFilter(
        label="Council's response",
        choices=[*Recommendation.Response.choices, (NO_RESPONSE, "No response recorded")],
        empty_label="Any response",
        method="filter_response",
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        field_name="derived_status",
        choices=DerivedStatus.choices,
        empty_label="Any status",
    )
    theme = django_filters.ChoiceFilter(label="Theme", empty_label="All themes")

    class Meta:
        model = Recommendation
        fields = ["q", "inspection", "response", "status", "theme"]
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = (
            self.queryset.exclude(theme="")
            .order_by("theme")
            .values_list("theme", flat=True)
            .distinct()
        )
        self.filters["theme"].extra["choices"] = [(theme, theme) for theme in themes]

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(reference__icontains=word)
                | Q(text__icontains=word)
                | Q(theme__icontains=word)
                | Q(response_text__icontains=word)
            )
        return queryset

    def filter_response(self, queryset, name, value):
        if value == NO_RESPONSE:
            return queryset.filter(response="")
        return queryset.filter(response=value)


class InspectionFilter(PerRequestFilterSet):
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
