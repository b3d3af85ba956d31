"""The trail's entries: every change of every kind, with actor, address and diff."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from audit import records
from audit.models import SignInEvent
from audit.selectors import sources
from core import roles
from inspections.models import Judgement
from tests import factories
from tests.audit.trail import IP, changes_of, entries, signed_in_request

pytestmark = pytest.mark.django_db


# One factory and one field to change per tracked model. A new tracked model must be
# added here, or test_every_tracked_model_is_exercised fails.
MODELS = {
    "accounts.organisation": (factories.OrganisationFactory, "name", "Renamed partner"),
    "accounts.team": (factories.TeamFactory, "name", "Renamed team"),
    "accounts.user": (factories.UserFactory, "full_name", "Renamed Person"),
    "inspections.inspection": (factories.InspectionFactory, "title", "Renamed inspection"),
    "inspections.judgementarea": (factories.JudgementAreaFactory, "name", "Renamed area"),
    "inspections.judgement": (factories.JudgementFactory, "grade", Judgement.Grade.GOOD),
    "recommendations.recommendation": (factories.RecommendationFactory, "text", "New text."),
    "improvement.plan": (factories.PlanFactory, "title", "Renamed plan"),
    "improvement.priority": (factories.PriorityFactory, "title", "Renamed priority"),
    "improvement.action": (factories.ActionFactory, "description", "A clearer action."),
    "improvement.targetdatechange": (factories.TargetDateChangeFactory, "reason", "Why."),
    "improvement.datechangerequest": (factories.DateChangeRequestFactory, "reason", "Why."),
    "improvement.progressupdate": (factories.ProgressUpdateFactory, "narrative", "Better."),
    "improvement.evidence": (factories.EvidenceFactory, "original_name", "minutes.pdf"),
    "improvement.challenge": (factories.ChallengeFactory, "question", "Why so late?"),
    "improvement.planversion": (factories.PlanVersionFactory, "title", "Version 2 for Ofsted"),
    "improvement.signoff": (factories.SignOffFactory, "reason", "Priority 3 needs dates."),
    "measures.councilprofile": (factories.CouncilProfileFactory, "name", "Renamed council"),
    "measures.statisticalneighbour": (factories.StatisticalNeighbourFactory, "name", "Eastmoor"),
    "measures.measure": (factories.MeasureFactory, "title", "Renamed measure"),
    "measures.measurevalue": (factories.MeasureValueFactory, "note", "Checked."),
    "measures.target": (factories.TargetFactory, "tolerance_kind", "percentage"),
    "measures.measurechallenge": (factories.MeasureChallengeFactory, "question", "Why?"),
    "meetings.bodykind": (factories.BodyKindFactory, "name", "Health scrutiny panel"),
    "meetings.body": (factories.BodyFactory, "name", "Renamed board"),
    "meetings.bodymember": (factories.BodyMemberFactory, "role", "Chair"),
    "meetings.meeting": (factories.MeetingFactory, "venue", "Online"),
    "meetings.actionarising": (factories.ActionArisingFactory, "closing_note", "Done."),
    "meetings.attendance": (factories.AttendanceFactory, "status", "apologies"),
    "meetings.decision": (factories.DecisionFactory, "text", "Agreed."),
    "meetings.publishedpack": (factories.PublishedPackFactory, "withdrawn_reason", "Wrong."),
    "api.apitoken": (factories.ApiTokenFactory, "name", "Renamed token"),
    "jobs.job": (factories.JobFactory, "title", "Renamed export"),
    "jobs.scheduledrun": (factories.ScheduledRunFactory, "task_id", "abc"),
}


def test_every_tracked_model_is_exercised():
    assert set(MODELS) == set(sources())


def test_every_tracked_model_is_described_by_the_app_that_owns_it():
    """The audit app knows no domain model: each app registers how its records are named."""
    unregistered = [key for key in sources() if records.records_for(key) is records.Records]
    assert not unregistered


@pytest.mark.parametrize("key", sorted(MODELS))
def test_create_change_and_delete_each_leave_an_entry_with_actor_address_and_diff(key, auditor):
    factory, field, new_value = MODELS[key]
    actor = factories.UserFactory(full_name="Chris Changer", roles=[roles.PLAN_MANAGER])
    with signed_in_request(actor):
        record = factory()
        old_value = getattr(record, field)
        setattr(record, field, new_value)
        record.save()
        pk = record.pk
        record.delete()

    # Newest first. A factory may save twice on creation (the user factory does).
    deleted, changed, *_, created = entries(auditor, record_type=key, record_id=pk)
    assert [created.kind_label, changed.kind_label, deleted.kind_label] == [
        "Created",
        "Changed",
        "Deleted",
    ]
    for entry in (created, changed, deleted):
        assert entry.actor_name == "Chris Changer"
        assert entry.actor_id == actor.pk
        assert entry.ip == IP
        assert entry.record_id == pk
        assert entry.record_url is None  # the record no longer exists
        assert entry.record_link is None
    model_field = type(record)._meta.get_field(field)
    label = str(model_field.verbose_name).capitalize()
    shown = dict(model_field.flatchoices) if model_field.choices else {}

    def display(value):
        return "(none)" if value in (None, "") else str(shown.get(value, value))

    assert changes_of(changed) == {label: (display(old_value), display(new_value))}
    # A creation shows the values the record was created with (the ones not left empty).
    if display(old_value) != "(none)":
        assert changes_of(created)[label][1] == display(old_value)
    assert str(changed.changes[0]) == f"{label}: {display(old_value)} -> {display(new_value)}"


M2M = [
    ("improvement.plan", factories.PlanFactory, "inspections", "Inspections"),
    ("improvement.action", factories.ActionFactory, "recommendations", "Recommendations"),
    ("improvement.action", factories.ActionFactory, "lead_officers", "Lead officers"),
    ("accounts.user", factories.UserFactory, "teams", "Teams"),
    ("accounts.user", factories.UserFactory, "groups", "Roles"),
    ("accounts.user", factories.UserFactory, "user_permissions", "Permissions"),
]
RELATED = {
    "inspections": lambda: factories.InspectionFactory(title="Focused visit"),
    "recommendations": lambda: factories.RecommendationFactory(reference="R9"),
    "lead_officers": lambda: factories.UserFactory(full_name="Lee Lead"),
    "teams": lambda: factories.TeamFactory(name="Front Door"),
    "groups": lambda: Group.objects.get(name=roles.AUDITOR),
    "user_permissions": lambda: Permission.objects.get(codename="verify_action"),
}


@pytest.mark.parametrize(("key", "factory", "field", "label"), M2M, ids=[m[2] for m in M2M])
def test_many_to_many_changes_leave_an_entry_with_actor_and_diff(
    key, factory, field, label, auditor
):
    record = factory()
    related = RELATED[field]()
    actor = factories.UserFactory(full_name="Mo Member", roles=[roles.PLAN_MANAGER])
    with signed_in_request(actor):
        getattr(record, field).add(related)
        getattr(record, field).remove(related)

    removed, added = entries(auditor, record_type=key, record_id=record.pk)[:2]
    name = related.name if field == "user_permissions" else str(related)
    assert changes_of(added) == {label: ("(none)", name)}
    assert changes_of(removed) == {label: (name, "(none)")}
    assert added.actor_name == removed.actor_name == "Mo Member"
    assert added.ip == IP


def test_role_changes_made_from_the_group_side_are_recorded_on_the_person(auditor):
    person = factories.UserFactory(full_name="Pat Person")
    officers = Group.objects.get(name=roles.OFFICER)
    team = factories.TeamFactory(name="Children in Care")
    with signed_in_request(auditor):
        officers.user_set.add(person)
        team.members.add(person)
        officers.user_set.clear()

    cleared, joined_team, given_role = entries(auditor, record_type="accounts.user")[:3]
    assert changes_of(given_role) == {"Roles": ("(none)", roles.OFFICER)}
    assert changes_of(joined_team)["Teams"][1].startswith("Children in Care")
    assert changes_of(cleared) == {"Roles": (roles.OFFICER, "(none)")}
    assert {e.record_id for e in (cleared, joined_team, given_role)} == {person.pk}


def test_the_trail_keeps_the_actors_name_after_their_account_is_deleted(auditor):
    leaver = factories.UserFactory(full_name="Lou Leaver", roles=[roles.PLAN_MANAGER])
    with signed_in_request(leaver):
        plan = factories.PlanFactory()
    leaver.delete()

    (created,) = entries(auditor, record_type="improvement.plan", record_id=plan.pk)
    assert created.actor_id is None
    assert created.actor_name == "Lou Leaver"
    assert plan.history.get().history_user_name == "Lou Leaver"
    gone = entries(auditor, record_type="accounts.user", record_id=leaver.pk)
    assert gone[0].kind_label == "Deleted"


def test_a_sign_in_stamping_last_login_is_not_reported_as_a_change(client, officer):
    before = officer.history.count()
    client.post(reverse("login"), {"username": officer.email, "password": "a-long-test-password"})
    assert officer.history.count() == before
    assert SignInEvent.objects.filter(user=officer, kind="signed_in").exists()
