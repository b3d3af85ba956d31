"""Filters of the API's lists: `updated_since` on every resource, and the web lists'
django-filter sets (improvement.filters.ActionFilter, registers.filters) reused."""

from datetime import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from core.clock import start_of_day
from core.forms import EARLIEST_DATE, LATEST_DATE

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description=(
        "Only records created or changed at or after this moment (ISO 8601; a date alone "
        "means the start of that day in Europe/London), for incremental refresh."
    ),
)


def parse_moment(raw: str) -> datetime:
    """An ISO date or date-time as an aware datetime; naive times are Europe/London."""
    raw = raw.strip()
    try:
        moment = parse_datetime(raw)
        day = None if moment else parse_date(raw)
    except ValueError:
        moment = day = None
    if moment is None and day is None:
        raise ValidationError({"updated_since": "Enter a date or date and time, ISO 8601"})
    when = moment.date() if moment else day
    if not EARLIEST_DATE <= when <= LATEST_DATE:
        raise ValidationError({"updated_since": "Enter a date from 1990 to 2099"})
    if moment is None:
        return start_of_day(day)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class UpdatedSinceFilter(BaseFilterBackend):
    """`updated_since`: each view says what counts as a change (`updated_since_q(moment)`)."""

    def filter_queryset(self, request, queryset, view):
        raw = request.query_params.get("updated_since")
        if not raw:
            return queryset
        return queryset.filter(view.updated_since_q(parse_moment(raw)))

    def get_schema_operation_parameters(self, view):
        return []  # declared with extend_schema on the views, with the other parameters


def changed_since(*fields: str):
    """`updated_since_q` for records whose change times are these columns."""

    def condition(moment) -> Q:
        found = Q()
        for field in fields:
            found |= Q(**{f"{field}__gte": moment})
        return found

    return condition


class UserFilterBackend(DjangoFilterBackend):
    """django-filter's backend, giving the web lists' FilterSets the user they scope by."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), **view.filterset_kwargs()}


class IdFilter(django_filters.NumberFilter):
    """A record's id: whole numbers in the database's range only (anything else answers 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


def record_filter(model, *, plan: str, **extra):
    """A FilterSet for records on actions: by `action` and `plan` ids, and `extra` filters."""
    attrs = {
        "action": IdFilter(field_name="action_id"),
        "plan": IdFilter(field_name=plan),
        **extra,
        "Meta": type("Meta", (), {"model": model, "fields": []}),
    }
    return type(f"{model.__name__}Filter", (django_filters.FilterSet,), attrs)
