"""Django admin for plans, priorities, actions and the records kept against actions.

Progress updates, evidence, target date changes and date change requests are written by
improvement.services only; here they can be read, never added, edited or deleted. Plans,
priorities and actions are never hard-deleted: actions are closed instead.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin import TeamListFilter
from improvement.models import (
    Action,
    Challenge,
    DateChangeRequest,
    Evidence,
    Plan,
    PlanVersion,
    Priority,
    ProgressUpdate,
    SignOff,
    TargetDateChange,
)


class ReadOnlyAdminMixin:
    """For append-only records: view them and their history, nothing else."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NoDeleteMixin:
    """Domain records are closed or withdrawn, never hard-deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


class PriorityInline(NoDeleteMixin, admin.TabularInline):
    model = Priority
    fields = ("number", "title")
    extra = 0
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = (
        "title",
        "status",
        "owner_board",
        "start_date",
        "update_cycle_days",
        "priority_count",
        "action_count",
    )
    list_filter = ("status",)
    search_fields = ("title", "owner_board", "description")
    autocomplete_fields = ("inspections", "carried_from")
    readonly_fields = ("version", "created_at", "updated_at")
    inlines = (PriorityInline,)

    def save_model(self, request, obj, form, change):
        # Edits here move the version on too, so a form in the app loaded before is refused.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline in formset.forms:
            if inline.instance.pk and inline.has_changed() and hasattr(inline.instance, "version"):
                inline.instance.version += 1
        super().save_formset(request, form, formset, change)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                priority_count=Count("priorities", distinct=True),
                action_count=Count("priorities__actions", distinct=True),
            )
        )

    @admin.display(description="priorities", ordering="priority_count")
    def priority_count(self, obj: Plan):
        return getattr(obj, "priority_count", None)

    @admin.display(description="actions", ordering="action_count")
    def action_count(self, obj: Plan):
        return getattr(obj, "action_count", None)


@admin.register(Priority)
class PriorityAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ("plan", "number", "title", "action_count")
    list_select_related = ("plan",)
    list_filter = ("plan",)
    search_fields = ("title", "plan__title")
    autocomplete_fields = ("plan",)
    readonly_fields = ("version",)

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_count=Count("actions"))

    @admin.display(description="actions", ordering="action_count")
    def action_count(self, obj: Priority):
        return getattr(obj, "action_count", None)


# Kept by services (progress updates, verification, closing, date changes), never typed here.
ACTION_SERVICE_FIELDS = (
    "declared_status",
    "percent_complete",
    "last_update_at",
    "completed_on",
    "verified_by",
    "verified_at",
    "verification_note",
    "returned_at",
    "returned_reason",
    "closed_reason",
    "carried_to",
)
ACTION_RECORD_FIELDS = ("version", "created_at", "updated_at")


@admin.register(Action)
class ActionAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = (
        "reference",
        "short_description",
        "plan",
        "declared_status",
        "target_date",
        "lead_team",
    )
    list_select_related = ("priority__plan", "lead_team__organisation")
    list_filter = ("declared_status", "priority__plan", ("lead_team", TeamListFilter))
    search_fields = ("description", "lead_names")
    autocomplete_fields = ("recommendations", "lead_officers", "lead_team")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "priority",
                    "order",
                    "description",
                    "intended_outcome",
                    "measure",
                    "timescale",
                )
            },
        ),
        ("Leads", {"fields": ("lead_officers", "lead_names", "lead_team")}),
        ("Recommendations addressed", {"fields": ("recommendations",)}),
        (
            "Dates",
            {
                "fields": ("original_target_date", "target_date"),
                "description": "Once an action exists, its target date is changed on the "
                "action's page in the tracker, which asks for a reason and keeps the old date.",
            },
        ),
        (
            "Status (kept by progress updates, verification and closing)",
            {"fields": ACTION_SERVICE_FIELDS},
        ),
        ("Record", {"fields": ACTION_RECORD_FIELDS}),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "priority":
            # Priorities are numbered within a plan, so name the plan too.
            kwargs["queryset"] = Priority.objects.select_related("plan")
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda priority: f"{priority.plan}: {priority}"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = ("original_target_date", *ACTION_SERVICE_FIELDS, *ACTION_RECORD_FIELDS)
        if obj is not None:
            fields = ("target_date", *fields)
        return fields

    @admin.display(description="reference", ordering="priority__number")
    def reference(self, obj: Action) -> str:
        return obj.reference

    @admin.display(description="action")
    def short_description(self, obj: Action) -> str:
        return obj.title

    @admin.display(description="plan", ordering="priority__plan__title")
    def plan(self, obj: Action):
        return obj.priority.plan

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        elif obj.original_target_date is None:
            obj.original_target_date = obj.target_date
        super().save_model(request, obj, form, change)


class EvidenceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Evidence
    fields = ("original_name", "file", "link", "content_type", "size", "uploaded_at")
    readonly_fields = fields
    extra = 0


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "action",
        "created_at",
        "status",
        "percent_complete",
        "author_name",
        "evidence_count",
    )
    list_select_related = ("action__priority",)
    list_filter = ("status",)
    search_fields = ("narrative", "author_name")
    date_hierarchy = "created_at"
    inlines = (EvidenceInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_count=Count("evidence"))

    @admin.display(description="evidence", ordering="evidence_count")
    def evidence_count(self, obj: ProgressUpdate):
        return getattr(obj, "evidence_count", None)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "update", "content_type", "size", "uploaded_by", "uploaded_at")
    list_select_related = ("update__action__priority", "uploaded_by")
    list_filter = ("content_type",)
    search_fields = ("original_name", "link")
    date_hierarchy = "uploaded_at"


@admin.register(TargetDateChange)
class TargetDateChangeAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "action",
        "old_date",
        "new_date",
        "short_reason",
        "changed_by_name",
        "changed_at",
    )
    list_select_related = ("action__priority",)
    search_fields = ("reason", "changed_by_name")
    date_hierarchy = "changed_at"

    @admin.display(description="reason")
    def short_reason(self, obj: TargetDateChange) -> str:
        return Truncator(obj.reason).chars(80)


@admin.register(DateChangeRequest)
class DateChangeRequestAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only here: approving must move the action's date with a reason (the tracker does)."""

    list_display = ("action", "new_date", "state", "requested_by", "requested_at", "decided_by")
    list_select_related = ("action__priority", "requested_by", "decided_by")
    list_filter = ("state",)
    search_fields = ("reason", "decision_reason")
    date_hierarchy = "requested_at"


class SignOffInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SignOff
    fields = ("approver", "decision", "reason", "decided_at")
    extra = 0


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only here: a version is frozen, and its sign-off is the tracker's (the service)."""

    list_display = ("plan", "number", "title", "state", "approved_on", "sent_to_ofsted_on")
    list_select_related = ("plan",)
    list_filter = ("state",)
    search_fields = ("title", "plan__title", "snapshot_sha256")
    inlines = [SignOffInline]


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("version", "approver", "decision", "decided_at")
    list_select_related = ("version__plan", "approver")
    list_filter = ("decision",)


@admin.register(Challenge)
class ChallengeAdmin(SimpleHistoryAdmin):
    """Raised by scrutiny members and answered in the tracker; an admin may only change state."""

    list_display = ("short_question", "subject", "state", "raised_by", "raised_at", "answered_at")
    list_select_related = ("action__priority", "recommendation", "raised_by")
    list_filter = ("state",)
    search_fields = ("question", "answer")
    date_hierarchy = "raised_at"
    fields = (
        "action",
        "recommendation",
        "question",
        "raised_by",
        "raised_at",
        "answer",
        "answered_by",
        "answered_at",
        "state",
        "closed_at",
    )
    readonly_fields = tuple(name for name in fields if name != "state")

    @admin.display(description="question")
    def short_question(self, obj: Challenge) -> str:
        return Truncator(obj.question).chars(80)

    @admin.display(description="on")
    def subject(self, obj: Challenge):
        return obj.subject

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if obj.state == Challenge.State.CLOSED and obj.closed_at is None:
            obj.closed_at = timezone.now()
        elif obj.state != Challenge.State.CLOSED:
            obj.closed_at = None
        super().save_model(request, obj, form, change)
