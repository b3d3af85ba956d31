"""The API's reads: each one the same visible_to querysets and status annotations the
pages use (improvement.selectors, improvement.recommendation_status), with what a row of
the API shows fetched up front, so a page of any size costs the same queries."""

from datetime import date

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
from recommendations.models import Recommendation


def plans(user) -> QuerySet[Plan]:
    visible = Inspection.objects.visible_to(user).only("pk")
    return Plan.objects.visible_to(user).prefetch_related(
        Prefetch("inspections", queryset=visible, to_attr="visible_inspections")
    )


def priorities(user) -> QuerySet[Priority]:
    return Priority.objects.visible_to(user)


def actions(user) -> QuerySet[Action]:
    """Actions with the flags of with_flags and the facts the contradictions need."""
    return with_exception_facts(for_list_page(user, with_flags(actions_for_user(user))))


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
