"""URLs for assurance: an action's history, verification and the exceptions list."""

from django.urls import path

from improvement.views import exceptions, history, impact, verification

urlpatterns = [
    path("actions/<int:pk>/history/", history.action_history, name="action_history"),
    path("verification/", verification.verification_queue_page, name="verification_queue"),
    path("actions/<int:pk>/verify/", verification.action_verify_page, name="action_verify"),
    path("actions/<int:pk>/impact/", impact.action_impact_page, name="action_impact"),
    path("actions/<int:pk>/return/", verification.action_return_page, name="action_return"),
    path("exceptions/", exceptions.exception_list, name="exceptions"),
    path("exceptions/export/", exceptions.exception_csv, name="exceptions_csv"),
]
