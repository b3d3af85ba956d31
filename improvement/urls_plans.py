"""URLs for the plans area: plans, priorities, the plan manager's action forms, date decisions,
plan versions and their sign-off."""

from django.urls import path

from improvement.views import action_edit, plans, priorities, sign_off

urlpatterns = [
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/refresh/", plans.plan_refresh, name="plan_refresh"),
    path("plans/<int:pk>/versions/", sign_off.plan_versions, name="plan_versions"),
    path("plans/<int:pk>/versions/new/", sign_off.plan_version_create, name="plan_version_create"),
    path("versions/<int:pk>/", sign_off.plan_version_detail, name="plan_version_detail"),
    path("versions/<int:pk>/decide/", sign_off.plan_version_decide, name="plan_version_decide"),
    path("versions/<int:pk>/ofsted/", sign_off.plan_version_ofsted, name="plan_version_ofsted"),
    path("plans/<int:pk>/priorities/new/", priorities.priority_create, name="priority_create"),
    path("priorities/<int:pk>/edit/", priorities.priority_edit, name="priority_edit"),
    path("priorities/<int:pk>/move/", priorities.priority_move, name="priority_move"),
    path("priorities/<int:pk>/actions/new/", action_edit.action_create, name="action_create"),
    path("actions/<int:pk>/edit/", action_edit.action_edit, name="action_edit"),
    path(
        "actions/<int:pk>/target-date/",
        action_edit.action_change_target_date,
        name="action_change_target_date",
    ),
    path("actions/<int:pk>/close/", action_edit.action_close_view, name="action_close"),
    path(
        "date-requests/<int:pk>/decide/",
        plans.date_request_decide,
        name="date_request_decide",
    ),
]
