"""What is recorded against actions: progress updates with their evidence, target date
changes, date requests and challenges."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from improvement.models import (
    Challenge,
    DateChangeRequest,
    Evidence,
    ProgressUpdate,
    TargetDateChange,
)


def _name(user, kept: str = "") -> str:
    """A person's name as the pages show it: the kept name, else the user's."""
    return kept or (user.full_name if user else "")


class EvidenceSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    link = serializers.CharField(
        read_only=True, help_text="A link given instead of a file, or empty"
    )

    class Meta:
        model = Evidence
        fields = [
            "id",
            "original_name",
            "content_type",
            "size",
            "link",
            "uploaded_at",
            "download_url",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, evidence) -> str | None:
        """The API's download, which checks the token's user may read the action."""
        if not evidence.file:
            return None
        request = self.context["request"]
        return reverse("api:evidence-download", args=[evidence.pk], request=request)


class ProgressUpdateSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "action",
            "created_at",
            "author",
            "status",
            "percent_complete",
            "narrative",
            "imported_from",
            "evidence",
        ]

    def get_author(self, update) -> str:
        return _name(update.author, update.author_name)


class TargetDateChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.SerializerMethodField()

    class Meta:
        model = TargetDateChange
        fields = [
            "id",
            "action",
            "old_date",
            "new_date",
            "reason",
            "changed_by",
            "changed_at",
            "request",
        ]

    def get_changed_by(self, change) -> str:
        return _name(change.changed_by, change.changed_by_name)


class DateChangeRequestSerializer(serializers.ModelSerializer):
    requested_by = serializers.SerializerMethodField()
    decided_by = serializers.SerializerMethodField()

    class Meta:
        model = DateChangeRequest
        fields = [
            "id",
            "action",
            "requested_by",
            "requested_at",
            "new_date",
            "reason",
            "state",
            "decided_by",
            "decided_at",
            "decision_reason",
        ]

    def get_requested_by(self, request) -> str:
        return _name(request.requested_by)

    def get_decided_by(self, request) -> str:
        return _name(request.decided_by)


class ChallengeSerializer(serializers.ModelSerializer):
    raised_by = serializers.SerializerMethodField()
    answered_by = serializers.SerializerMethodField()

    class Meta:
        model = Challenge
        fields = [
            "id",
            "action",
            "recommendation",
            "raised_by",
            "raised_at",
            "question",
            "state",
            "answer",
            "answered_by",
            "answered_at",
            "closed_at",
        ]

    def get_raised_by(self, challenge) -> str:
        return _name(challenge.raised_by)

    def get_answered_by(self, challenge) -> str:
        return _name(challenge.answered_by)
