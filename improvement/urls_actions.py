"""URLs for the actions area: the action page, progress updates, evidence, requests, answers."""

from django.urls import path

from improvement.views import actions, updates

urlpatterns = [
    path("actions/<int:pk>/", actions.action_page, name="action_detail"),
    path("actions/<int:pk>/update/", updates.progress_update_create, name="progress_update_create"),
    path(
        "actions/<int:pk>/request-date/",
        actions.date_change_request_create_view,
        name="date_change_request_create",
    ),
    path("evidence/<int:pk>/", actions.evidence_download, name="evidence_download"),
    path("challenges/<int:pk>/answer/", actions.challenge_answer, name="challenge_answer"),
]
