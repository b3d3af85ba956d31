"""Records on actions: progress updates, target date changes, date requests, challenges;
and the download of an evidence file, checked against the token's user."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.views import APIView

from api import selectors
from api.filters import UPDATED_SINCE, IdFilter, changed_since, record_filter
from api.serializers.records import (
    ChallengeSerializer,
    DateChangeRequestSerializer,
    ProgressUpdateSerializer,
    TargetDateChangeSerializer,
)
from api.views.base import ReadOnlyApiViewSet, TokenOnly
from core.access import get_visible_or_404
from improvement import evidence_storage
from improvement.models import (
    Challenge,
    DateChangeRequest,
    Evidence,
    ProgressUpdate,
    TargetDateChange,
)
from improvement.status import Status

LIST = extend_schema(parameters=[UPDATED_SINCE])
PLAN_OF_ACTION = "action__priority__plan_id"


@extend_schema_view(list=LIST)
class ProgressUpdateViewSet(ReadOnlyApiViewSet):
    serializer_class = ProgressUpdateSerializer
    selector = selectors.progress_updates
    filterset_class = record_filter(
        ProgressUpdate,
        plan=PLAN_OF_ACTION,
        status=django_filters.ChoiceFilter(choices=Status.choices),
    )
    updated_since_q = staticmethod(changed_since("created_at"))
    csv_name = "progress-updates"


@extend_schema_view(list=LIST)
class TargetDateChangeViewSet(ReadOnlyApiViewSet):
    serializer_class = TargetDateChangeSerializer
    selector = selectors.target_date_changes
    filterset_class = record_filter(TargetDateChange, plan=PLAN_OF_ACTION)
    updated_since_q = staticmethod(changed_since("changed_at"))
    csv_name = "target-date-changes"


@extend_schema_view(list=LIST)
class DateChangeRequestViewSet(ReadOnlyApiViewSet):
    serializer_class = DateChangeRequestSerializer
    selector = selectors.date_requests
    filterset_class = record_filter(
        DateChangeRequest,
        plan=PLAN_OF_ACTION,
        state=django_filters.ChoiceFilter(choices=DateChangeRequest.State.choices),
    )
    updated_since_q = staticmethod(changed_since("requested_at", "decided_at"))
    csv_name = "date-requests"


@extend_schema_view(list=LIST)
class ChallengeViewSet(ReadOnlyApiViewSet):
    serializer_class = ChallengeSerializer
    selector = selectors.challenges
    filterset_class = record_filter(
        Challenge,
        plan=PLAN_OF_ACTION,
        recommendation=IdFilter(field_name="recommendation_id"),
        state=django_filters.ChoiceFilter(choices=Challenge.State.choices),
    )
    updated_since_q = staticmethod(changed_since("raised_at", "answered_at", "closed_at"))
    csv_name = "challenges"


class EvidenceDownloadView(TokenOnly, APIView):
    """A stored evidence file, as an attachment, if the token's user may read its action."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk: int):
        evidence = get_visible_or_404(Evidence.objects.exclude(file=""), request.user, pk=pk)
        return evidence_storage.download(evidence)
