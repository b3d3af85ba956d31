"""Which actions come only from confidential inspections, kept on the action as a flag.

An action is confidential-only when it answers at least one recommendation from a
confidential inspection and none from a public one (`models.confidential_only_q`).
Scrutiny members never see such actions. Testing the links row by row made every
scrutiny list and count scan them, so the answer is kept in `Action.is_confidential_only`.

`refresh` recomputes the flag in one UPDATE. The receivers below call it whenever an
input of the rule changes (an action's recommendations, a recommendation's inspection,
an inspection's confidentiality) and after every save of an action, since a save writes
back the flag it read and the links may have changed in between. Writers that bypass
signals (the importer's bulk links, the load generator) set or refresh it themselves;
tests/improvement/test_confidential_flag.py checks the flag after each kind of write.
A flag that changes forgets the stored past days of the action's plan and of the all-plans
scopes (improvement/snapshots.py): a link that leaves it as it was keeps them.
"""

from collections.abc import Iterable

from django.db.models import BooleanField, Case, When
from django.db.models.signals import m2m_changed, post_delete, post_save

from improvement import snapshots
from improvement.models import Action, confidential_only_q


def _rule() -> Case:
    return Case(When(confidential_only_q(), then=True), default=False, output_field=BooleanField())


def mismatched() -> list[int]:
    """Ids of actions whose flag disagrees with the rule (none, unless a write went around)."""
    return list(Action.objects.exclude(is_confidential_only=_rule()).values_list("pk", flat=True))


def refresh(action_ids: Iterable[int] | None = None) -> int:
    """Recompute the flag for these actions (all when None); returns how many changed."""
    actions = Action.objects.all()
    if action_ids is not None:
        actions = actions.filter(pk__in=action_ids)
    changing = actions.exclude(is_confidential_only=_rule())
    plans = changing.order_by().values_list("priority__plan_id", "priority__plan__status")
    if not (plans := set(plans.distinct())):
        return 0
    snapshots.forget_plans(plans)  # what scrutiny members count of these plans, every day
    return changing.update(is_confidential_only=_rule())


def _action_saved(sender, instance, **kwargs):
    # A save writes back the flag it read; if the links changed meanwhile, put it right.
    refresh([instance.pk])


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # action.recommendations.add(...): this action only
        refresh([instance.pk])
    elif pk_set:  # recommendation.actions.add(...): the actions named
        refresh(pk_set)
    else:  # recommendation.actions.clear(): which actions it held is gone
        refresh()


def _recommendation_saved(sender, instance, created, **kwargs):
    if not created:  # a new recommendation has no actions yet
        refresh(instance.actions.values_list("pk", flat=True))


def _inspection_saved(sender, instance, created, **kwargs):
    if not created:
        linked = Action.recommendations.through.objects.filter(recommendation__inspection=instance)
        refresh(linked.values("action_id"))


def _source_deleted(sender, **kwargs):
    refresh()  # the links went with it; the affected actions can no longer be named


def connect() -> None:
    post_save.connect(_action_saved, sender=Action)
    m2m_changed.connect(_links_changed, sender=Action.recommendations.through)
    post_save.connect(_recommendation_saved, sender="recommendations.Recommendation")
    post_save.connect(_inspection_saved, sender="inspections.Inspection")
    post_delete.connect(_source_deleted, sender="recommendations.Recommendation")
    post_delete.connect(_source_deleted, sender="inspections.Inspection")
