"""URLs for the actions area."""

urlpatterns = []
