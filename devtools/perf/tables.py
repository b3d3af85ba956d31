"""The tables the load-data generator writes, parents first, with the columns it fills."""

from accounts.models import Organisation, Team, User
from improvement.models import (
    Action,
    Challenge,
    DateChangeRequest,
    Evidence,
    Plan,
    Priority,
    ProgressUpdate,
    TargetDateChange,
)
from inspections.models import Inspection, Judgement
from recommendations.models import Recommendation

HISTORY = ["history_id", "history_date", "history_change_reason", "history_type", "history_user_id"]
SIGN_IN_COLUMNS = ["id", "kind", "email", "user_id", "user_name", "ip_address", "user_agent", "at"]


def through_models() -> dict[str, type]:
    """The many-to-many link tables, by the generator's name for each."""
    return {
        "groups": User.groups.through,
        "teams": User.teams.through,
        "plan_inspections": Plan.inspections.through,
        "leads": Action.lead_officers.through,
        "action_recs": Action.recommendations.through,
    }


def table_spec(through: dict[str, type]) -> list[tuple[type, list[str]]]:
    """(model, columns) for every main table, parents before children."""
    return [
        (Organisation, ["id", "name", "kind", "is_active"]),
        (Team, ["id", "organisation_id", "name", "is_active"]),
        (User, ["id", "email", "full_name", "job_title", "organisation_id", "password",
                "is_staff", "is_superuser", "is_active", "date_joined", "wants_reminders"]),
        (through["groups"], ["id", "user_id", "group_id"]),
        (through["teams"], ["id", "user_id", "team_id"]),
        (Inspection, ["id", "kind", "title", "body", "start_date", "end_date",
                      "published_on", "lead_inspector", "summary", "has_priority_actions",
                      "is_confidential", "created_at", "updated_at"]),
        (Judgement, ["id", "inspection_id", "area_id", "grade"]),
        (Recommendation, ["id", "inspection_id", "reference", "sort_key", "text", "theme",
                          "response", "response_text", "response_date",
                          "responsible_officer_id", "rejection_reason", "created_at",
                          "updated_at", "version"]),
        (Plan, ["id", "title", "description", "owner_board", "status", "start_date",
                "end_date", "update_cycle_days", "approved_on", "created_at", "updated_at"]),
        (through["plan_inspections"], ["id", "plan_id", "inspection_id"]),
        (Priority, ["id", "plan_id", "number", "title"]),
        (Action, ["id", "priority_id", "order", "description", "intended_outcome", "measure",
                  "timescale", "lead_names", "lead_team_id", "original_target_date",
                  "target_date", "declared_status", "percent_complete", "last_update_at",
                  "completed_on", "verified_by_id", "verified_at", "verification_note",
                  "returned_at", "returned_reason", "closed_reason", "created_at",
                  "updated_at", "version", "is_confidential_only"]),
        (through["leads"], ["id", "action_id", "user_id"]),
        (through["action_recs"], ["id", "action_id", "recommendation_id"]),
        (ProgressUpdate, ["id", "action_id", "author_id", "author_name", "created_at",
                          "narrative", "status", "percent_complete"]),
        (Evidence, ["id", "update_id", "link", "uploaded_by_id", "uploaded_at"]),
        (DateChangeRequest, ["id", "action_id", "requested_by_id", "requested_at",
                             "new_date", "reason", "state", "decided_by_id", "decided_at",
                             "decision_reason"]),
        (TargetDateChange, ["id", "action_id", "old_date", "new_date", "reason",
                            "changed_by_id", "changed_by_name", "changed_at", "request_id"]),
        (Challenge, ["id", "action_id", "recommendation_id", "raised_by_id", "raised_at",
                     "question", "answer", "answered_by_id", "answered_at", "state",
                     "closed_at"]),
    ]  # fmt: skip
