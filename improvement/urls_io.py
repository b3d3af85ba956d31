"""URLs for the filtered action list, plan import and exports."""

from django.urls import path

from improvement.views import exports, io, lists

urlpatterns = [
    path("actions/", lists.action_list, name="action_list"),
    path("actions/export.csv", exports.action_export_csv, name="action_export_csv"),
    path("actions/export.xlsx", exports.action_export_xlsx, name="action_export_xlsx"),
    path("plans/<int:pk>/export.csv", exports.plan_export_csv, name="plan_export_csv"),
    path("plans/<int:pk>/export.xlsx", exports.plan_export_xlsx, name="plan_export_xlsx"),
    path("plans/import/", io.plan_import_upload, name="plan_import"),
    path("plans/import/sample.xlsx", io.plan_import_sample, name="plan_import_sample"),
    path("plans/import/<slug:token>/", io.plan_import_preview_view, name="plan_import_preview"),
]
