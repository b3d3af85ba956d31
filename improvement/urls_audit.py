"""URLs for the audit area."""

urlpatterns = []
