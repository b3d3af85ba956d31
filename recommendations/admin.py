"""Django admin for recommendations."""

from django.contrib import admin
from django.db.models import Count
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from recommendations.models import Recommendation


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = (
        "reference",
        "inspection",
        "short_text",
        "theme",
        "response",
        "response_date",
        "responsible_officer",
        "action_count",
    )
    list_select_related = ("inspection", "responsible_officer")
    list_filter = ("response", "inspection__kind", "inspection__is_confidential")
    search_fields = ("reference", "text", "theme")
    autocomplete_fields = ("inspection", "responsible_officer")
    readonly_fields = ("version", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("inspection", "reference", "text", "theme")}),
        (
            "Response",
            {
                "fields": (
                    "response",
                    "response_text",
                    "response_date",
                    "responsible_officer",
                    "rejection_reason",
                )
            },
        ),
        ("Closing", {"fields": ("closed_at", "closed_reason")}),
        ("Record", {"fields": ("version", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_count=Count("actions"))

    @admin.display(description="text")
    def short_text(self, obj: Recommendation) -> str:
        return Truncator(obj.text).chars(80)

    @admin.display(description="actions", ordering="action_count")
    def action_count(self, obj: Recommendation):
        return getattr(obj, "action_count", None)

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        # Nothing is hard-deleted: a recommendation is closed or withdrawn instead.
        return False
