"""URLs of the audit trail."""

from django.urls import path

from audit import views

urlpatterns = [
    path("audit/", views.audit_trail, name="audit_trail"),
    path("audit/export/", views.audit_trail_csv, name="audit_trail_csv"),
]
