"""The API's reads: each one the same visible_to querysets and status annotations the
pages use (improvement.selectors, improvement.recommendation_status), with what a row of
the API shows fetched up front, so a page of any size costs the same queries."""

from collections import defaultdict
from datetime import date, datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

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
from improvement.recommendation_status import with_status
from improvement.selectors.action_list import for_list_page
from improvement.selectors.actions import actions_for_user, with_flags, with_status_as_at
from improvement.selectors.exceptions import with_exception_facts
from inspections.models import Inspection, Judgement
from measures.models import AreaType, Measure, MeasureValue, Target
from measures.selectors import figures_for, target_for, values_known_at
from measures.summary import summarise
from recommendations.models import Recommendation


def plans(user) -> QuerySet[Plan]:
    visible = Inspection.objects.visible_to(user).only("pk")
    return Plan.objects.visible_to(user).prefetch_related(
        Prefetch("inspections", queryset=visible, to_attr="visible_inspections")
    )


def priorities(user) -> QuerySet[Priority]:
    return Priority.objects.visible_to(user)


def actions(user) -> QuerySet[Action]:
    """Actions with the flags of with_flags and the facts the contradictions need.

    The rows of actions_for_user, with only what a row shows of the leads and team: the
    CSV of every action builds these objects 100,000 times.
    """
    leads = get_user_model().objects.only("pk", "full_name").order_by("full_name", "pk")
    rows = (
        actions_for_user(user)
        .select_related(None)
        .select_related("priority__plan", "lead_team")
        .prefetch_related(None)
        .prefetch_related(Prefetch("lead_officers", queryset=leads))
    )
    return with_exception_facts(for_list_page(user, with_flags(rows)))


def attach_action_links(user, actions: list[Action]) -> None:
    """Set each action's lead officers and visible recommendations from two queries for
    the lot, as `prefetched()` reads them: Django's prefetch builds a queryset per action
    per relation, which the CSV of 100,000 actions cannot afford."""
    ids = [action.pk for action in actions]
    leads, links = {pk: [] for pk in ids}, {pk: [] for pk in ids}
    lead_rows = (
        Action.lead_officers.through.objects.filter(action_id__in=ids)
        .order_by("user__full_name", "user_id")
        .values_list("action_id", "user_id", "user__full_name")
    )
    for action_id, user_id, name in lead_rows:
        leads[action_id].append(SimpleNamespace(pk=user_id, id=user_id, full_name=name))
    visible = Recommendation.objects.visible_to(user).values("pk")
    link_rows = (
        Action.recommendations.through.objects.filter(action_id__in=ids, recommendation__in=visible)
        .order_by("recommendation_id")
        .values_list("action_id", "recommendation_id")
    )
    for action_id, recommendation_id in link_rows:
        links[action_id].append(SimpleNamespace(pk=recommendation_id, id=recommendation_id))
    for action in actions:
        action._prefetched_objects_cache = {
            "lead_officers": leads[action.pk],
            "recommendations": links[action.pk],
        }


def plan_status_as_at(user, plan: Plan, day: date) -> QuerySet[Action]:
    """The plan's actions the user may read, as they stood at the end of `day`."""
    visible = Action.objects.visible_to(user).filter(priority__plan=plan)
    return with_status_as_at(visible.select_related("priority"), day).order_by(
        "priority__number", "order", "pk"
    )


def progress_updates(user) -> QuerySet[ProgressUpdate]:
    evidence = Evidence.objects.order_by("uploaded_at", "pk")
    return (
        ProgressUpdate.objects.visible_to(user)
        .select_related("author")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
    )


def target_date_changes(user) -> QuerySet[TargetDateChange]:
    return TargetDateChange.objects.visible_to(user).select_related("changed_by")


def date_requests(user) -> QuerySet[DateChangeRequest]:
    return DateChangeRequest.objects.visible_to(user).select_related("requested_by", "decided_by")


def challenges(user) -> QuerySet[Challenge]:
    return Challenge.objects.visible_to(user).select_related("raised_by", "answered_by")


def recommendations(user) -> QuerySet[Recommendation]:
    """With the derived status, and only the actions the user may read."""
    visible = Action.objects.visible_to(user).only("pk").order_by("pk")
    return with_status(
        Recommendation.objects.visible_to(user)
        .select_related("responsible_officer")
        .prefetch_related(Prefetch("actions", queryset=visible, to_attr="visible_actions"))
    )


def inspections(user) -> QuerySet[Inspection]:
    return Inspection.objects.visible_to(user)


def judgements(user) -> QuerySet[Judgement]:
    """Judgements of the inspections the user may read."""
    visible = Inspection.objects.visible_to(user).values("pk")
    return Judgement.objects.filter(inspection__in=visible).select_related("area")


def measures(user) -> QuerySet[Measure]:
    """Measures (plan data every role reads) with their lead; their links and summary are
    set on each page of rows by `attach_measure_facts`."""
    return Measure.objects.visible_to(user).select_related("lead_user", "lead_team")


def _visible_links(through, ids: list[int], column: str, visible: QuerySet) -> dict:
    """measure id -> the ids along one of its links that the user may read: one query."""
    links = {pk: [] for pk in ids}
    rows = (
        through.objects.filter(measure_id__in=ids, **{f"{column}__in": visible.values("pk")})
        .order_by(f"{column}_id")
        .values_list("measure_id", f"{column}_id")
    )
    for measure_id, linked in rows:
        links[measure_id].append(linked)
    return links


def attach_measure_facts(user, measures: list[Measure], *, today: date) -> None:
    """Set on each measure the priorities, actions and recommendations linked to it that
    the user may read, and its summary as the register, measure page and scorecard show it
    (measures.summary.summarise over the scorecard's figures): seven queries a page."""
    ids = [measure.pk for measure in measures]
    priorities = _visible_links(
        Measure.priorities.through, ids, "priority", Priority.objects.visible_to(user)
    )
    actions = _visible_links(
        Measure.actions.through, ids, "action", Action.objects.visible_to(user)
    )
    recommendations = _visible_links(
        Measure.recommendations.through,
        ids,
        "recommendation",
        Recommendation.objects.visible_to(user),
    )
    figures = figures_for(measures, averaged=True)
    for measure in measures:
        measure.visible_priority_ids = priorities[measure.pk]
        measure.visible_action_ids = actions[measure.pk]
        measure.visible_recommendation_ids = recommendations[measure.pk]
        measure.summary = summarise(figures[measure.pk], today=today)


def measure_values(user, *, as_at: datetime | None = None) -> QuerySet[MeasureValue]:
    """The stored values of the measures the user may read, with their measure and period;
    or, `as_at` a moment, each value as known then (its revision current at that moment)."""
    values = MeasureValue.objects.all() if as_at is None else values_known_at(as_at)
    visible = Measure.objects.visible_to(user).values("pk")
    return values.filter(measure__in=visible).select_related("measure", "period")


def attach_value_targets(values: list) -> None:
    """Set each council value's target for its period (measures.selectors.target_for, as
    the export gives it; none on other areas' values): one query a page."""
    targets = defaultdict(list)
    for target in Target.objects.filter(measure_id__in={value.measure_id for value in values}):
        targets[target.measure_id].append(target)
    for value in values:
        target = None
        if value.area_type == AreaType.COUNCIL:
            target = target_for(targets[value.measure_id], value.period)
        value.target_value = target.value if target else None
