"""URLs for the plans area."""

urlpatterns = []
