"""Plans, priorities, actions and everything recorded against an action.

Every model a user can reach has `objects.visible_to(user)`: the one scope for lists,
counts and fetching a record (core/access.py).
"""

from improvement.models.actions import Action, ActionQuerySet, confidential_only_q
from improvement.models.challenges import Challenge, ChallengeBase, ChallengeQuerySet
from improvement.models.digest_notes import DigestNote
from improvement.models.periods import FOREVER, ActionPeriod
from improvement.models.plans import Plan, PlanQuerySet, Priority, PriorityQuerySet, plan_visible_q
from improvement.models.receipts import ImportReceipt
from improvement.models.records import (
    ActionRecordQuerySet,
    DateChangeRequest,
    Evidence,
    EvidenceQuerySet,
    ProgressUpdate,
    TargetDateChange,
)
from improvement.models.snapshots import StatusSnapshot
from improvement.models.versions import PlanVersion, PlanVersionQuerySet, SignOff, SignOffQuerySet

__all__ = [
    "FOREVER",
    "Action",
    "ActionPeriod",
    "ActionQuerySet",
    "ActionRecordQuerySet",
    "Challenge",
    "ChallengeBase",
    "ChallengeQuerySet",
    "DateChangeRequest",
    "DigestNote",
    "Evidence",
    "EvidenceQuerySet",
    "ImportReceipt",
    "Plan",
    "PlanQuerySet",
    "PlanVersion",
    "PlanVersionQuerySet",
    "Priority",
    "PriorityQuerySet",
    "ProgressUpdate",
    "SignOff",
    "SignOffQuerySet",
    "StatusSnapshot",
    "TargetDateChange",
    "confidential_only_q",
    "plan_visible_q",
]
