"""Recommendations (the register's filters), inspections and their judgements."""

import django_filters
from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema, extend_schema_view

from api import selectors
from api.filters import UPDATED_SINCE, IdFilter, changed_since
from api.serializers.sources import (
    InspectionSerializer,
    JudgementSerializer,
    RecommendationSerializer,
)
from api.views.base import ReadOnlyApiViewSet
from inspections.models import Judgement
from registers.filters import InspectionFilter, RecommendationFilter
from registers.selectors import inspection_years

LIST = extend_schema(parameters=[UPDATED_SINCE])


@extend_schema_view(list=LIST)
class RecommendationViewSet(ReadOnlyApiViewSet):
    """Recommendations, filtered by the register's own filters."""

    serializer_class = RecommendationSerializer
    selector = selectors.recommendations
    filterset_class = RecommendationFilter
    updated_since_q = staticmethod(changed_since("updated_at"))
    csv_name = "recommendations"


@extend_schema_view(list=LIST)
class InspectionViewSet(ReadOnlyApiViewSet):
    """Inspections and reviews, filtered by the register's own filters."""

    serializer_class = InspectionSerializer
    selector = selectors.inspections
    filterset_class = InspectionFilter
    updated_since_q = staticmethod(changed_since("updated_at"))
    csv_name = "inspections"

    def filterset_kwargs(self) -> dict:
        return {"years": inspection_years(self.request.user)}


class JudgementFilter(django_filters.FilterSet):
    inspection = IdFilter(field_name="inspection_id")

    class Meta:
        model = Judgement
        fields = []


@extend_schema_view(list=LIST)
class JudgementViewSet(ReadOnlyApiViewSet):
    serializer_class = JudgementSerializer
    selector = selectors.judgements
    filterset_class = JudgementFilter
    csv_name = "judgements"

    @staticmethod
    def updated_since_q(moment):
        """Judgements have no change time of their own: their history says when."""
        return Exists(Judgement.history.filter(id=OuterRef("pk"), history_date__gte=moment))
