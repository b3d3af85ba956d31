"""Root URLs. Each area keeps its own URL module, so a new page is added in one place."""

from django.contrib import admin
from django.urls import include, path

from improvement.views.health import healthz
from improvement.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("improvement.urls_actions")),
    path("", include("improvement.urls_io")),
    path("", include("improvement.urls_plans")),
    path("", include("improvement.urls_dashboard")),
    path("", include("improvement.urls_audit")),
    path("inspections/", include("inspections.urls")),
    path("recommendations/", include("recommendations.urls")),
]
