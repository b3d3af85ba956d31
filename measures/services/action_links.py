"""Linking an action to measures from the action's side: one transaction, written through
each measure so its history records the change, and each changed measure's version bumped
so a colleague's open edit of it is refused rather than silently undoing the link."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from improvement.models import Action
from measures.models import Measure


@transaction.atomic
def action_measures_set(*, action: Action, measures: Iterable[Measure]) -> tuple[int, int]:
    """Make `measures` exactly the ones linked to `action`; (how many added, removed)."""
    wanted = {measure.pk for measure in measures}
    linked = set(action.measures.values_list("pk", flat=True))
    changed = wanted ^ linked
    for measure in Measure.objects.select_for_update().filter(pk__in=changed).order_by("pk"):
        if measure.pk in wanted:
            measure.actions.add(action)
        else:
            measure.actions.remove(action)
    Measure.objects.filter(pk__in=changed).update(version=F("version") + 1)
    return len(wanted - linked), len(linked - wanted)
