"""Recommendations (with the council's response and derived status), inspections and
judgements."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.plans import PersonSerializer
from improvement.recommendation_status import DerivedStatus
from inspections.models import Inspection, Judgement
from recommendations.models import Recommendation


class RecommendationSerializer(serializers.ModelSerializer):
    derived_status = serializers.ChoiceField(choices=DerivedStatus.choices, read_only=True)
    responsible_officer = PersonSerializer(read_only=True, allow_null=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "inspection",
            "reference",
            "text",
            "theme",
            "response",
            "response_text",
            "response_date",
            "responsible_officer",
            "rejection_reason",
            "derived_status",
            "actions",
            "closed_at",
            "closed_reason",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_actions(self, recommendation) -> list[int]:
        """Only the actions the reader may see (prefetched through visible_to)."""
        return [action.pk for action in recommendation.visible_actions]


class JudgementSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area.name", read_only=True)
    grade_label = serializers.CharField(source="get_grade_display", read_only=True)

    class Meta:
        model = Judgement
        fields = ["id", "inspection", "area", "grade", "grade_label"]


class InspectionSerializer(serializers.ModelSerializer):
    plan_due_date = serializers.DateField(read_only=True, allow_null=True)
    report_url = serializers.CharField(read_only=True, help_text="A link, or empty")

    class Meta:
        model = Inspection
        fields = [
            "id",
            "kind",
            "title",
            "body",
            "start_date",
            "end_date",
            "published_on",
            "lead_inspector",
            "summary",
            "report_url",
            "has_priority_actions",
            "is_confidential",
            "plan_due_date",
            "created_at",
            "updated_at",
        ]
