"""URLs for the dashboard area."""

urlpatterns = []
