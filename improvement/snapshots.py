"""Month-end status counts kept for the dashboard's trend, and when to forget them.

A count for a past day can change only if something is written as of that day or
earlier: a back-dated progress update or date change, an action created in the past,
an action moved or redated (`PAST_INPUTS`), an action that becomes or stops being
confidential-only, or a plan's status or update cycle changed; a priority renumbered
changes the order a day's figures list actions in. The receivers below
delete the snapshots such a write affects; everything else about the past is
append-only, so an edit of an action's wording, leads or measure keeps them (forgetting
them all made every reader's next dashboard work out its whole trend again: 1.7 s at
100,000 actions after a manager reworded one action). An edit of one action or plan
forgets only the scopes that count that plan's actions (`forget_plans`): building a
draft plan keeps the active plans' stored days.
"""

from collections.abc import Callable, Iterable
from contextlib import suppress
from datetime import date, datetime

from django.db import IntegrityError, connection
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save

from core.clock import local_date, today
from core.roles import can_read_confidential
from improvement.models import (
    Action,
    Plan,
    Priority,
    ProgressUpdate,
    StatusSnapshot,
    TargetDateChange,
)

# What a stored day reads from the rows themselves rather than from the append-only
# records (periods are rebuilt from the records, the creation time and the original date).
PAST_INPUTS = {
    Action: (
        "priority",
        "order",
        "created_at",
        "original_target_date",
        "impact",
        "impact_recorded_at",
    ),
    Plan: ("status", "update_cycle_days"),
    Priority: ("number",),  # where a stored day's overdue list places its actions among equals
}
# Of those, what decides where a stored day's figures list an action (its priority within
# its plan, its order) and whether they count its impact as evidenced, but not its status:
# a change of these alone keeps the trend's month ends, which count statuses only.
LISTING_INPUTS = {"priority_id", "order", "impact", "impact_recorded_at"}


def scope_key(plan, full_view: bool, states: str | None = None) -> str:
    """Which actions the counts cover: one plan, or the plans in some statuses ("active",
    "active-draft"), with or without confidential ones."""
    which = plan.pk if plan else f"all-{states or 'active'}"
    return f"{which}:{'full' if full_view else 'public'}"


def reader_scope(user, plan, plans=None) -> str:
    """scope_key for what this reader sees: one plan, or the plans of `plans` (a PlanScope;
    active ones when None), with confidential actions if the reader may read them."""
    return scope_key(plan, can_read_confidential(user), None if plans is None else plans.key)


def figures_key(scope: str, since: date) -> str:
    """A dashboard day's counts and lists (past.day_figures), which also depend on the
    "changes since" date, stored beside the scope's month-end counts."""
    return f"{scope}:figures:{since.isoformat()}"


def read(wanted: dict[str, list[date]]) -> dict[str, dict[date, dict]]:
    """The stored counts of several scopes' days in one query: scope -> {day: counts}."""
    found: dict[str, dict[date, dict]] = {scope: {} for scope in wanted}
    condition = Q()
    for scope, days in wanted.items():
        condition |= Q(scope=scope, day__in=days)
    if wanted:
        for snapshot in StatusSnapshot.objects.filter(condition):
            found[snapshot.scope][snapshot.day] = snapshot.counts
    return found


def counts_for(
    scope: str,
    days: list[date],
    compute: Callable[[list[date]], dict],
    stored: dict[date, dict] | None = None,
) -> dict:
    """Counts per day: stored ones for past days, `compute(missing days)` for the rest.

    Past days computed now are stored for next time; today is always computed afresh.
    `stored`: what `read` found for this scope, when the caller has read it already.
    """
    stored = dict(read({scope: days})[scope] if stored is None else stored)
    missing = [day for day in days if day not in stored]
    if missing:
        fresh = compute(missing)
        stored.update(fresh)
        past = [d for d in missing if d < today()]
        _store([StatusSnapshot(scope=scope, day=d, counts=fresh[d]) for d in past])
    return stored


def _store(days: list[StatusSnapshot]) -> None:
    """Store computed past days; a day another request stored first is left as it is.

    One day outside a transaction (a request's first view of a past day) is one INSERT:
    bulk_create puts BEGIN and COMMIT round its own, two more round trips on every page
    that stores a day.
    """
    if len(days) == 1 and not connection.in_atomic_block:
        # In autocommit a failed INSERT is its own transaction: nothing to roll back.
        with suppress(IntegrityError):
            days[0].save(force_insert=True)
    elif days:
        StatusSnapshot.objects.bulk_create(days, ignore_conflicts=True)  # ON CONFLICT DO NOTHING


def forget_from(moment: date | datetime | None) -> None:
    """Delete snapshots of days on or after `moment` (all of them when None)."""
    snapshots = StatusSnapshot.objects.all()
    if moment is not None:
        day = local_date(moment) if isinstance(moment, datetime) else moment
        if day >= today():
            return  # today is never stored
        snapshots = snapshots.filter(day__gte=day)
    snapshots.delete()


def forget_plans(plans: Iterable[tuple[int, str]], *, month_ends: bool = True) -> None:
    """Delete the snapshots that count actions of these plans, given as (id, status): each
    plan's own scopes and the all-plans scopes its status is among ("all-active-draft:..."
    for a draft plan; every one for an active plan). Other plans' stay. `month_ends`
    False: only the days' figures (figures_key), the trend's month ends kept."""
    affected = Q(pk__in=[])
    for pk, status in plans:
        # The all-plans part of a key names its statuses and nothing else that could match.
        affected |= Q(scope__startswith=f"{pk}:") | Q(
            scope__startswith="all-", scope__contains=status
        )
    if not month_ends:
        affected &= Q(scope__contains=":figures:")
    StatusSnapshot.objects.filter(affected).delete()


def _forget_priorities(priority_ids: set[int], *, statuses: bool = True) -> None:
    """forget_plans for the plans of these priorities (one query to find them), or forget
    everything when one of them is gone and its plan cannot be known. `statuses` False:
    no status on a past day changed, unless the priorities are in different plans."""
    found = Priority.objects.filter(pk__in=priority_ids).values_list(
        "pk", "plan_id", "plan__status"
    )
    if len(found := set(found)) < len(priority_ids):
        forget_from(None)
    else:
        plans = {(plan, status) for _, plan, status in found}
        forget_plans(plans, month_ends=statuses or len(plans) > 1)


def _update_or_date_change_saved(sender, instance, **kwargs):
    moment = instance.created_at if sender is ProgressUpdate else instance.changed_at
    forget_from(moment)


def _remember_inputs(sender, instance, update_fields=None, **kwargs):
    """Before a save that may change a past input, read the row's values of them: one query,
    only for full saves and saves naming one (the update services name other columns)."""
    fields = [sender._meta.get_field(name) for name in PAST_INPUTS[sender]]
    if update_fields is not None:
        fields = [f for f in fields if {f.name, f.attname} & set(update_fields)]
    rows = sender._default_manager.filter(pk=instance.pk)
    was = rows.values(*(f.attname for f in fields)).first() if instance.pk and fields else None
    instance.__dict__["_past_inputs_were"] = was


def changed_inputs(instance) -> dict:
    """The past inputs the save just made changed, with their values before (after
    _remember_inputs); empty when none did."""
    was = instance.__dict__.pop("_past_inputs_were", None) or {}
    return {field: value for field, value in was.items() if getattr(instance, field) != value}


def _action_saved(sender, instance, created, **kwargs):
    if created:
        forget_from(instance.created_at)
    elif changed := changed_inputs(instance):  # moved, reordered or redated
        # Any stored day of its plan may differ, and of the plan it left when moved.
        _forget_priorities(
            {instance.priority_id, changed.get("priority_id", instance.priority_id)},
            statuses=not changed.keys() <= LISTING_INPUTS,
        )


def _action_deleted(sender, instance, **kwargs):
    _forget_priorities({instance.priority_id})


def _priority_saved(sender, instance, created, **kwargs):
    if not created and changed_inputs(instance):  # renumbered: lists only, no status
        _forget_priorities({instance.pk}, statuses=False)


def _plan_saved(sender, instance, created, **kwargs):
    # Counts across plans take the plans' current statuses (a plan made active or closed
    # changes every stored day of the scopes it joins or leaves), and a changed update
    # cycle changes which of the plan's actions were stale on a stored day.
    if not created and (changed := changed_inputs(instance)):
        was = changed.get("status", instance.status)
        forget_plans({(instance.pk, was), (instance.pk, instance.status)})


def connect() -> None:
    post_save.connect(_update_or_date_change_saved, sender=ProgressUpdate)
    post_save.connect(_update_or_date_change_saved, sender=TargetDateChange)
    for model in PAST_INPUTS:
        pre_save.connect(_remember_inputs, sender=model)
    post_save.connect(_action_saved, sender=Action)
    post_delete.connect(_action_deleted, sender=Action)
    post_save.connect(_priority_saved, sender=Priority)
    post_save.connect(_plan_saved, sender=Plan)
    # An action becoming or ceasing to be confidential-only: confidentiality.refresh.
