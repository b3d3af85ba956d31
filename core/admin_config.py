from django.contrib.admin.apps import AdminConfig


class TrackerAdminConfig(AdminConfig):
    """Installs TrackerAdminSite (admin_site.py) as `admin.site`."""

    default_site = "core.admin_site.TrackerAdminSite"
