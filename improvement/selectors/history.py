"""Which audit-trail records make up one action's history."""

from django.db.models import Q

from improvement.models import ProgressUpdate


def action_scopes(action_id: int) -> dict[str, Q]:
    """The records an action's history page shows: the action and what hangs off it."""
    update_ids = ProgressUpdate.history.filter(action_id=action_id).values("id")
    return {
        "improvement.action": Q(id=action_id),
        "improvement.progressupdate": Q(action_id=action_id),
        "improvement.evidence": Q(update_id__in=update_ids),
        "improvement.targetdatechange": Q(action_id=action_id),
        "improvement.datechangerequest": Q(action_id=action_id),
        "improvement.challenge": Q(action_id=action_id),
    }
