"""The measures pages, mounted at /measures/."""

from django.urls import path

from measures import views

urlpatterns = [
    path("", views.measure_list, name="measure_list"),
    path("export.csv", views.measure_export_csv, name="measure_export_csv"),
    path("<int:pk>/", views.measure_detail, name="measure_detail"),
    path("<int:pk>/figures/new/", views.measure_value_enter, name="measure_value_enter"),
]
