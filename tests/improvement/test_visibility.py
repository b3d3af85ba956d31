"""Who leads an action, and what each role may read: the `led_by` and `visible_to` querysets.

`Action.objects.led_by(user)` (SQL, for lists) and `Action.is_led_by(user)` (Python, for
one loaded action, behind rules.leads_action) are one rule: the same cases run through both.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from core import roles
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
from improvement.rules import leads_action
from tests import factories


@pytest.fixture
def leads(db):
    """An officer in one team, and actions led every way there is (and not)."""
    team, other_team = factories.TeamFactory(), factories.TeamFactory()
    officer = factories.UserFactory(roles=[roles.OFFICER], teams=[team])
    colleague = factories.UserFactory(roles=[roles.OFFICER], teams=[other_team])
    led = {
        "named": factories.ActionFactory(leads=[officer]),
        "through the team": factories.ActionFactory(lead_team=team),
        "named and through the team": factories.ActionFactory(leads=[officer], lead_team=team),
        "named beside a colleague": factories.ActionFactory(leads=[colleague, officer]),
    }
    not_led = {
        "another officer's": factories.ActionFactory(leads=[colleague]),
        "another team's": factories.ActionFactory(lead_team=other_team),
        "nobody's": factories.ActionFactory(),
    }
    return officer, led, not_led


def test_led_by_and_is_led_by_agree_on_every_case(leads):
    officer, led, not_led = leads
    everything = {**led, **not_led}

    in_sql = set(Action.objects.led_by(officer))
    in_python = {action for action in everything.values() if action.is_led_by(officer)}
    by_rule = {action for action in everything.values() if leads_action(officer, action)}

    assert in_sql == in_python == by_rule == set(led.values())


def test_led_by_lists_an_action_once_even_when_led_both_ways(leads):
    officer, led, _ = leads
    ids = list(Action.objects.led_by(officer).values_list("pk", flat=True))
    assert sorted(ids) == sorted(action.pk for action in led.values())


def test_an_officer_without_a_team_leads_only_the_actions_naming_them(db):
    officer = factories.UserFactory(roles=[roles.OFFICER])
    named = factories.ActionFactory(leads=[officer])
    factories.ActionFactory(lead_team=factories.TeamFactory())
    assert list(Action.objects.led_by(officer)) == [named]
    assert [a for a in Action.objects.all() if a.is_led_by(officer)] == [named]


def test_no_one_signed_out_leads_anything(leads):
    anonymous = AnonymousUser()
    assert not Action.objects.led_by(anonymous).exists()
    assert not any(action.is_led_by(anonymous) for action in Action.objects.all())
    assert not leads_action(anonymous, Action.objects.first())


@pytest.fixture
def world(db):
    """A public plan and action, and a plan answering only a confidential inspection whose
    action is confidential-only, each with a record of every kind hanging off it."""
    secret_inspection = factories.InspectionFactory(is_confidential=True)
    secret_recommendation = factories.RecommendationFactory(inspection=secret_inspection)
    public_recommendation = factories.RecommendationFactory()
    public = factories.ActionFactory(recommendations=[public_recommendation])
    secret = factories.ActionFactory(recommendations=[secret_recommendation])
    secret.priority.plan.inspections.add(secret_inspection)
    secret.refresh_from_db()
    assert secret.is_confidential_only and not public.is_confidential_only
    for action in (public, secret):
        update = factories.ProgressUpdateFactory(action=action)
        factories.EvidenceFactory(update=update)
        factories.TargetDateChangeFactory(action=action)
        factories.DateChangeRequestFactory(action=action)
        factories.ChallengeFactory(action=action)
    factories.ChallengeFactory(action=None, recommendation=public_recommendation)
    factories.ChallengeFactory(action=None, recommendation=secret_recommendation)
    return public, secret


def _on_action(record):
    """The action a record hangs off, or the recommendation for a challenge on one."""
    if isinstance(record, Plan):
        return record
    if isinstance(record, Priority):
        return record.plan
    if isinstance(record, Evidence):
        return record.update.action
    return record.action or record.recommendation


MODELS = [Plan, Priority, ProgressUpdate, Evidence, TargetDateChange, DateChangeRequest, Challenge]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_scrutiny_sees_only_records_of_what_they_may_read(model, world, scrutiny):
    public, secret = world
    hidden = {secret, secret.priority.plan, *secret.recommendations.all()}

    visible = set(model.objects.visible_to(scrutiny))

    assert visible == {r for r in model.objects.all() if _on_action(r) not in hidden}
    assert visible and visible != set(model.objects.all())


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_other_role_sees_every_record(model, world, officer, manager, auditor):
    for user in (officer, manager, auditor):
        assert set(model.objects.visible_to(user)) == set(model.objects.all())


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_a_user_without_a_role_sees_nothing(model, world):
    assert not model.objects.visible_to(factories.UserFactory()).exists()
    assert not model.objects.visible_to(AnonymousUser()).exists()


def test_a_plan_with_a_public_action_stays_visible_though_it_answers_a_confidential_review(
    world, scrutiny
):
    public, secret = world
    factories.ActionFactory(priority=secret.priority)
    assert secret.priority.plan in Plan.objects.visible_to(scrutiny)
