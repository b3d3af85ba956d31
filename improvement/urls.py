from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("improvement.urls_pages")),
    path("inspections/", include("inspections.urls")),
    path("recommendations/", include("recommendations.urls")),
]
