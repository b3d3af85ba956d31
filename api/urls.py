"""/api/v1/: the read API, its schema (for token holders) and its documentation page (for
people signed in to the site)."""

from django.contrib.auth.decorators import login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from api.views import measures, plans, records, sources
from api.views.base import TokenOnly

app_name = "api"


class SchemaView(TokenOnly, SpectacularAPIView):
    """The OpenAPI 3 schema, for a token holder (code generators, Power BI, schemathesis)."""

    permission_classes = [IsAuthenticated]


router = SimpleRouter(trailing_slash=True)
router.register("plans", plans.PlanViewSet, basename="plan")
router.register("priorities", plans.PriorityViewSet, basename="priority")
router.register("actions", plans.ActionViewSet, basename="action")
router.register("progress-updates", records.ProgressUpdateViewSet, basename="update")
router.register("target-date-changes", records.TargetDateChangeViewSet, basename="date-change")
router.register("date-requests", records.DateChangeRequestViewSet, basename="date-request")
router.register("challenges", records.ChallengeViewSet, basename="challenge")
router.register("recommendations", sources.RecommendationViewSet, basename="recommendation")
router.register("inspections", sources.InspectionViewSet, basename="inspection")
router.register("judgements", sources.JudgementViewSet, basename="judgement")
router.register("measures", measures.MeasureViewSet, basename="measure")
router.register("measure-values", measures.MeasureValueViewSet, basename="measure-value")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    # The documentation page and the copy of the schema it reads: ordinary pages, behind
    # the site's sign-in (no token needed to read how the API works).
    path(
        "docs/",
        login_required(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:docs-schema", authentication_classes=[], permission_classes=[]
            )
        ),
        name="docs",
    ),
    path(
        "docs/schema/",
        login_required(
            SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[])
        ),
        name="docs-schema",
    ),
    path(
        "evidence/<int:pk>/download/",
        records.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
    *router.urls,
]
