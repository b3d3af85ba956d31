"""Root URLs. Each app (and each area of the plan app) keeps its own URL module."""

from django.contrib import admin
from django.urls import include, path

from core.views import healthz
from improvement.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("jobs.urls")),
    path("", include("improvement.urls_actions")),
    path("", include("improvement.urls_io")),
    path("", include("improvement.urls_plans")),
    path("", include("improvement.urls_dashboard")),
    path("", include("improvement.urls_assurance")),
    path("", include("audit.urls")),
    path("", include("meetings.urls_packs")),
    path("inspections/", include("registers.urls_inspections")),
    path("recommendations/", include("registers.urls_recommendations")),
    path("measures/", include("measures.urls")),
    path("", include("measures.urls_actions")),
    path("", include("meetings.urls")),
    path("", include("api.urls_tokens")),
    path("api/v1/", include("api.urls")),
]
