"""Plans, priorities, actions and the status of a plan's actions as at a date."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from improvement import status as rules_of_status
from improvement.models import Action, Plan, Priority
from improvement.status import Status


def prefetched(obj, name: str):
    """A prefetched relation's rows, without building a queryset per row (CSV of 100,000)."""
    cache = getattr(obj, "_prefetched_objects_cache", {})
    return cache[name] if name in cache else getattr(obj, name).all()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class TeamSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PlanSerializer(serializers.ModelSerializer):
    inspections = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id",
            "title",
            "description",
            "owner_board",
            "status",
            "start_date",
            "end_date",
            "update_cycle_days",
            "approved_on",
            "inspections",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_inspections(self, plan) -> list[int]:
        """Only the inspections the reader may see (prefetched through visible_to)."""
        return [inspection.pk for inspection in plan.visible_inspections]


class PrioritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Priority
        fields = ["id", "plan", "number", "title"]


class PaceSerializer(serializers.Serializer):
    FIELDS = ("percent_complete", "percent_time_elapsed", "points_behind", "behind")
    percent_complete = serializers.IntegerField()
    percent_time_elapsed = serializers.IntegerField()
    points_behind = serializers.IntegerField()
    behind = serializers.BooleanField()


class ActionSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="priority.plan_id", read_only=True)
    reference = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    effective_status = serializers.ChoiceField(
        source="effective", choices=Status.choices, read_only=True
    )
    overdue = serializers.BooleanField(read_only=True)
    stale = serializers.BooleanField(read_only=True)
    pace = serializers.SerializerMethodField()
    contradictions = serializers.SerializerMethodField()
    lead_officers = PersonSerializer(many=True, read_only=True)
    lead_team = TeamSerializer(read_only=True, allow_null=True)
    recommendations = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "id",
            "plan",
            "priority",
            "reference",
            "title",
            "description",
            "intended_outcome",
            "measure",
            "timescale",
            "declared_status",
            "effective_status",
            "percent_complete",
            "overdue",
            "stale",
            "pace",
            "contradictions",
            "original_target_date",
            "target_date",
            "completed_on",
            "last_update_at",
            "lead_officers",
            "lead_names",
            "lead_team",
            "recommendations",
            "verified_at",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(PaceSerializer(allow_null=True))
    def get_pace(self, action):
        pace = action.pace(self.context.get("on"))
        if pace is None:
            return None
        return {name: getattr(pace, name) for name in PaceSerializer.FIELDS}

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_contradictions(self, action) -> list[str]:
        return rules_of_status.contradictions(
            status=action.declared_status,
            overdue=action.overdue,
            has_evidence=action.has_evidence,
            date_changes=action.date_moves,
        )

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_recommendations(self, action) -> list[int]:
        """Only the recommendations the reader may see (prefetched through visible_to)."""
        return [recommendation.pk for recommendation in prefetched(action, "recommendations")]


class ActionAsAtSerializer(serializers.Serializer):
    """One action as it stood at the end of a day (selectors.actions.with_status_as_at)."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    declared_status = serializers.ChoiceField(source="status_then", choices=Status.choices)
    effective_status = serializers.ChoiceField(source="effective_then", choices=Status.choices)
    target_date = serializers.DateField(source="target_then", allow_null=True)
    overdue = serializers.BooleanField(source="overdue_then")


class PlanStatusSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    as_at = serializers.DateField()
    actions = ActionAsAtSerializer(many=True)
