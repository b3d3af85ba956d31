"""URLs for the audit area: the audit trail, action history, verification and exceptions."""

from django.urls import path

from improvement.views import audit, verification

urlpatterns = [
    path("audit/", audit.audit_trail, name="audit_trail"),
    path("audit/export/", audit.audit_trail_csv, name="audit_trail_csv"),
    path("actions/<int:pk>/history/", audit.action_history, name="action_history"),
    path("verification/", verification.verification_queue_page, name="verification_queue"),
    path("actions/<int:pk>/verify/", verification.action_verify_page, name="action_verify"),
    path("actions/<int:pk>/return/", verification.action_return_page, name="action_return"),
    path("exceptions/", audit.exception_list, name="exceptions"),
    path("exceptions/export/", audit.exception_csv, name="exceptions_csv"),
]
