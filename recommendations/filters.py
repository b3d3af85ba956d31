"""Filters for the recommendations register; every filter lives in the URL, so a filtered
register can be bookmarked and shared."""

import django_filters
from django.db.models import Q

from core.forms import GovForm
from inspections.models import Inspection
from recommendations.models import Recommendation
from recommendations.status import DerivedStatus

NO_RESPONSE = "none"


class FilterForm(GovForm):
    """GOV.UK markup for a register's filters; submitted with GET."""

    submit_label = "Apply filters"


def visible_inspections(request):
    if request is None:
        return Inspection.objects.none()
    return Inspection.objects.visible_to(request.user).order_by("-start_date", "title")


class RecommendationFilter(django_filters.FilterSet):
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
