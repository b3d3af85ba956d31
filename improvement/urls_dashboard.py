"""URLs for the dashboard area: dashboards, the committee report pack and challenges."""

from django.urls import path

from improvement.views import challenges, dashboard, reports, search

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("plans/<int:pk>/dashboard/", dashboard.plan_dashboard, name="plan_dashboard"),
    path("plans/<int:pk>/report/", reports.report_pack, name="report_pack"),
    path("plans/<int:pk>/report.pdf", reports.report_pdf, name="report_pdf"),
    path("plans/<int:pk>/report.xlsx", reports.report_xlsx, name="report_xlsx"),
    path("search/", search.search_page, name="search"),
    path("challenges/", challenges.challenge_list, name="challenge_list"),
    path(
        "actions/<int:pk>/challenge/",
        challenges.challenge_raise_action,
        name="challenge_raise_action",
    ),
    path(
        "recommendations/<int:pk>/challenge/",
        challenges.challenge_raise_recommendation,
        name="challenge_raise_recommendation",
    ),
    path("challenges/<int:pk>/close/", challenges.challenge_close, name="challenge_close"),
]
