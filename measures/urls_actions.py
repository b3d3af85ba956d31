"""Measures pages that hang off another app's records, mounted at the site's root."""

from django.urls import path

from measures import views_action

urlpatterns = [
    path("actions/<int:pk>/measures/", views_action.action_measures, name="action_measures"),
]
