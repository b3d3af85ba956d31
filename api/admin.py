"""Django admin: administrators see every API token and may revoke any (never see a secret)."""

from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from api.models import ApiToken
from api.services import api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__email", "user__full_name"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # made by their owners, or by create_api_token, to show the secret once

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the trail keeps who used what

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token, by=request.user)
        messages.success(request, f"Revoked {queryset.count()} token(s)")
