"""The measures pages, mounted at /measures/."""

from django.urls import path

from measures import views, views_challenges, views_edit, views_figures, views_import

urlpatterns = [
    path("", views.measure_list, name="measure_list"),
    path("import/", views_import.measure_import, name="measure_import"),
    path(
        "import/<str:token>/",
        views_import.measure_import_preview,
        name="measure_import_preview",
    ),
    path("figures/import/", views_figures.measure_figures_import, name="measure_figures_import"),
    path(
        "figures/import/<str:token>/",
        views_figures.measure_figures_preview,
        name="measure_figures_preview",
    ),
    path("export.csv", views.measure_export_csv, name="measure_export_csv"),
    path("export.xlsx", views.measure_export_xlsx, name="measure_export_xlsx"),
    path("new/", views_edit.measure_create, name="measure_create"),
    path("<int:pk>/", views.measure_detail, name="measure_detail"),
    path("<int:pk>/edit/", views_edit.measure_edit, name="measure_edit"),
    path("<int:pk>/targets/", views_edit.measure_targets, name="measure_targets"),
    path(
        "<int:pk>/targets/<int:target_pk>/remove/",
        views_edit.measure_target_remove,
        name="measure_target_remove",
    ),
    path("<int:pk>/figures/new/", views.measure_value_enter, name="measure_value_enter"),
    path(
        "<int:pk>/challenges/new/",
        views_challenges.measure_challenge_raise_view,
        name="measure_challenge_raise",
    ),
    path(
        "challenges/<int:pk>/answer/",
        views_challenges.measure_challenge_answer_view,
        name="measure_challenge_answer",
    ),
    path(
        "challenges/<int:pk>/close/",
        views_challenges.measure_challenge_close_view,
        name="measure_challenge_close",
    ),
]
