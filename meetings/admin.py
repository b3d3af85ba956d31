from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    ActionArising,
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    Decision,
    Meeting,
    PublishedPack,
)


@admin.register(BodyKind)
class BodyKindAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "publishes_packs"]
    list_filter = ["kind", "publishes_packs"]
    search_fields = ["name"]
    filter_horizontal = ["plans", "measures"]
    inlines = [BodyMemberInline]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["body", "date", "status"]
    list_filter = ["body", "status"]
    date_hierarchy = "date"


@admin.register(ActionArising)
class ActionArisingAdmin(SimpleHistoryAdmin):
    list_display = ["text", "meeting", "due_on", "closed_on"]
    list_filter = ["meeting__body"]
    autocomplete_fields = ["owner"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "meeting", "status"]
    list_filter = ["status", "meeting__body"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "text", "meeting"]
    list_filter = ["meeting__body"]


READ_ONLY_PACK = [
    "meeting",
    "plan",
    "version",
    "uuid",
    "title",
    "cover_note",
    "reason",
    "filename_stem",
    "pdf_sha256",
    "xlsx_sha256",
    "names_by_role",
    "published_by",
    "published_at",
]


@admin.register(PublishedPack)
class PublishedPackAdmin(SimpleHistoryAdmin):
    """Published versions are frozen: the admin reads them; withdrawing is the only change
    (on the pack's page, or here with its reason)."""

    list_display = ["title", "version", "published_at", "withdrawn_at"]
    list_filter = ["meeting__body"]
    search_fields = ["title"]
    fields = ["withdrawn_at", "withdrawn_reason", *READ_ONLY_PACK]
    readonly_fields = READ_ONLY_PACK

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
