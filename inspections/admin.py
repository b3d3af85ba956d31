"""Django admin for inspections, their judgements and the judgement areas reference data."""

from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import Inspection, Judgement, JudgementArea


class JudgementInline(admin.TabularInline):
    model = Judgement
    fields = ("area", "grade")
    autocomplete_fields = ("area",)
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = (
        "title",
        "kind",
        "body",
        "start_date",
        "published_on",
        "plan_due_date",
        "recommendation_count",
        "is_confidential",
    )
    list_filter = ("kind", "is_confidential", "body")
    search_fields = ("title", "body", "lead_inspector")
    date_hierarchy = "start_date"
    readonly_fields = ("plan_due_date", "version", "created_at", "updated_at")
    inlines = (JudgementInline,)
    fieldsets = (
        (None, {"fields": ("kind", "title", "body", "lead_inspector", "summary")}),
        ("Dates", {"fields": ("start_date", "end_date", "published_on", "plan_due_date")}),
        ("Report", {"fields": ("report_url", "report_file")}),
        ("Handling", {"fields": ("has_priority_actions", "is_confidential")}),
        ("Record", {"fields": ("version", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recommendation_count=Count("recommendations"))

    @admin.display(description="plan due")
    def plan_due_date(self, obj: Inspection):
        try:
            return obj.plan_due_date
        except ValueError:  # a mistyped year outside the bank-holiday table
            return None

    @admin.display(description="recommendations", ordering="recommendation_count")
    def recommendation_count(self, obj: Inspection) -> int:
        return getattr(obj, "recommendation_count", None)

    def save_model(self, request, obj, form, change):
        # A form in the app loaded before this save is then refused, not saved over it.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        # Nothing is hard-deleted: recommendations and plans point at inspections.
        return False


@admin.register(JudgementArea)
class JudgementAreaAdmin(SimpleHistoryAdmin):
    list_display = ("name", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)
