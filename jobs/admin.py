"""Jobs in Django admin (the queue's own rows are django-tasks-db's admin: "Task results")."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jobs.models import Job, ScheduledRun


@admin.register(Job)
class JobAdmin(SimpleHistoryAdmin):
    list_display = ("title", "owner", "kind", "status", "rows_done", "rows_total", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "owner__email")
    readonly_fields = [field.name for field in Job._meta.fields]
    list_select_related = ("owner",)

    def has_add_permission(self, request):
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(SimpleHistoryAdmin):
    list_display = ("name", "on", "claimed_at", "task_id")
    readonly_fields = ("name", "on", "claimed_at", "task_id")

    def has_add_permission(self, request):
        return False
