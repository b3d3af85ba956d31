"""Plans (with the status of their actions as at a date), priorities and actions."""

from functools import partial

import django_filters
from django.db.models import Exists, OuterRef
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from api import selectors
from api.filters import UPDATED_SINCE, IdFilter, changed_since
from api.serializers.plans import (
    ActionAsAtSerializer,
    ActionSerializer,
    PlanSerializer,
    PlanStatusSerializer,
    PrioritySerializer,
)
from api.views.base import ReadOnlyApiViewSet
from core.clock import today
from core.downloads import csv_lines, csv_response, safe_cells
from core.forms import EARLIEST_DATE, LATEST_DATE
from improvement.filters import ActionFilter
from improvement.models import Plan, Priority

LIST = extend_schema(parameters=[UPDATED_SINCE])
AS_AT = OpenApiParameter(
    "as_at", OpenApiTypes.DATE, description="The day, ISO 8601 (2026-03-31); today if left out."
)


class PlanFilter(django_filters.FilterSet):
    class Meta:
        model = Plan
        fields = ["status"]


class PriorityFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")

    class Meta:
        model = Priority
        fields = []


class AsAtSerializer(serializers.Serializer):
    as_at = serializers.DateField(required=False)

    def validate_as_at(self, day):
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise serializers.ValidationError("Enter a date from 1990 to 2099")
        return day


@extend_schema_view(list=LIST)
class PlanViewSet(ReadOnlyApiViewSet):
    serializer_class = PlanSerializer
    selector = selectors.plans
    filterset_class = PlanFilter
    updated_since_q = staticmethod(changed_since("updated_at"))
    csv_name = "plans"

    @extend_schema(parameters=[AS_AT], responses=PlanStatusSerializer)
    @action(detail=True, url_path="status", pagination_class=None)
    def status(self, request, pk=None):
        """Every action of the plan the reader may see, as it stood at the end of `as_at`."""
        plan = self.get_object()
        asked = AsAtSerializer(data=request.query_params)
        asked.is_valid(raise_exception=True)
        day = asked.validated_data.get("as_at") or today()
        actions = selectors.plan_status_as_at(request.user, plan, day)
        data = PlanStatusSerializer({"plan": plan.pk, "as_at": day, "actions": actions}).data
        if request.accepted_renderer.format == "csv":
            names = ["plan", "as_at", *ActionAsAtSerializer().fields]
            rows = ([plan.pk, data["as_at"], *row.values()] for row in data["actions"])
            return csv_response(csv_lines(safe_cells(rows), header=names), f"plan-{plan.pk}-status")
        return Response(data)


@extend_schema_view(list=LIST)
class PriorityViewSet(ReadOnlyApiViewSet):
    serializer_class = PrioritySerializer
    selector = selectors.priorities
    filterset_class = PriorityFilter
    csv_name = "priorities"

    @staticmethod
    def updated_since_q(moment):
        """Priorities have no change time of their own: their history says when."""
        return Exists(Priority.history.filter(id=OuterRef("pk"), history_date__gte=moment))


@extend_schema_view(list=LIST)
class ActionViewSet(ReadOnlyApiViewSet):
    """Actions, filtered by the action list's own filters (improvement.filters.ActionFilter):
    without `plan` or `priority`, active plans only unless `include_draft` or
    `include_closed` is given, as on the web list."""

    serializer_class = ActionSerializer
    selector = selectors.actions
    filterset_class = ActionFilter
    updated_since_q = staticmethod(changed_since("updated_at", "last_update_at"))
    csv_name = "actions"

    def filterset_kwargs(self) -> dict:
        return {"user": self.request.user}

    def csv_attach(self):
        return partial(selectors.attach_action_links, self.request.user)
