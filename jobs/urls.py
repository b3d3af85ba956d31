from django.urls import path

from jobs import views

urlpatterns = [
    path("downloads/", views.downloads, name="downloads"),
    path("downloads/<int:pk>/file", views.download, name="job_download"),
    path("downloads/<int:pk>/retry", views.retry, name="job_retry"),
    path("downloads/audit-trail/", views.audit_trail_export, name="audit_trail_export"),
]
