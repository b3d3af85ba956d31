"""The recommendations register, mounted at /recommendations/."""

from django.urls import path

from registers.views import recommendations as views

urlpatterns = [
    path("", views.recommendation_list, name="recommendation_list"),
    path("new/", views.recommendation_create, name="recommendation_create"),
    path("<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path("<int:pk>/close/", views.recommendation_close, name="recommendation_close"),
]
