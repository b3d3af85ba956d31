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
