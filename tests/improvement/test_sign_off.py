"""Plan versions and sign-off (issue 17 item 5): the frozen version, the approve and return
paths, their e-mails and history, one version awaiting at a time, and the Ofsted date."""

import datetime as dt
import hashlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core import roles
from improvement.models import Plan, PlanVersion, SignOff
from improvement.selectors.versions import canonical_json, plan_snapshot, snapshot_sha256
from improvement.services import sign_off as services
from tests import factories

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def plan(db):
    action = factories.ActionFactory(description="Audit every referral within 24 hours")
    plan = action.priority.plan
    plan.title = "Children's Services Improvement Plan 2026-28"
    plan.save()
    return plan


@pytest.fixture
def director(db):
    return factories.UserFactory(full_name="Dana Director", roles=[roles.PLAN_MANAGER])


@pytest.fixture
def lead_member(db):
    return factories.UserFactory(full_name="Councillor Lee Member", roles=[roles.SCRUTINY])


@pytest.fixture
def version(plan, manager, director, lead_member, fixed_today):
    fixed_today(TODAY)
    return services.version_submit(
        plan=plan,
        title="Version 1 for cabinet, June 2026",
        approvers=[director, lead_member],
        submitted_by=manager,
    )


def test_a_version_freezes_the_plan_with_its_hash(version, plan):
    assert version.number == 1
    assert version.state == PlanVersion.State.AWAITING
    assert version.snapshot["plan"]["title"] == plan.title
    [priority] = version.snapshot["priorities"]
    [action] = priority["actions"]
    assert action["description"] == "Audit every referral within 24 hours"
    assert version.snapshot_sha256 == snapshot_sha256(version.snapshot)
    assert len(version.snapshot_sha256) == 64
    # The stored hash is of the canonical JSON as read back from the database.
    version.refresh_from_db()
    assert hashlib.sha256(canonical_json(version.snapshot)).hexdigest() == (version.snapshot_sha256)


def test_changes_to_the_plan_afterwards_do_not_alter_the_version(version, plan):
    frozen, digest = version.snapshot, version.snapshot_sha256
    plan.title = "Renamed plan"
    plan.save()
    action = plan.priorities.get().actions.get()
    action.description = "Something else entirely"
    action.save()
    factories.ActionFactory(priority=action.priority, description="A new action")
    factories.PriorityFactory(plan=plan, title="A new priority")

    version.refresh_from_db()
    assert version.snapshot == frozen
    assert version.snapshot_sha256 == digest
    assert plan_snapshot(plan) != frozen  # the live plan did change
    assert version.snapshot["plan"]["title"] == "Children's Services Improvement Plan 2026-28"


def test_the_version_page_shows_the_frozen_plan_never_the_live_one(version, plan, client, manager):
    action = plan.priorities.get().actions.get()
    action.description = "Live text that was never signed off"
    action.save()
    client.force_login(manager)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Audit every referral within 24 hours" in page
    assert "Live text that was never signed off" not in page
    assert "awaiting sign-off" in page
    assert version.snapshot_sha256 in page


def test_approvers_are_e_mailed_when_asked(
    plan, manager, director, lead_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = services.version_submit(
            plan=plan, title="Version 1", approvers=[director, lead_member], submitted_by=manager
        )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [director.email, lead_member.email]
    )
    assert "Please sign off" in mail.outbox[0].subject
    assert version.get_absolute_url() in mail.outbox[0].body


def test_only_one_version_awaits_sign_off_at_a_time(version, plan, manager, director):
    with pytest.raises(ValidationError, match="already has a version awaiting"):
        services.version_submit(
            plan=plan, title="Version 2", approvers=[director], submitted_by=manager
        )


def test_a_version_needs_an_approver_who_can_read_the_plan(plan, manager):
    with pytest.raises(ValidationError, match="at least one approver"):
        services.version_submit(plan=plan, title="V", approvers=[], submitted_by=manager)
    nobody = factories.UserFactory(full_name="No Role")
    with pytest.raises(ValidationError, match="no active role"):
        services.version_submit(plan=plan, title="V", approvers=[nobody], submitted_by=manager)


def test_approve_path_every_approver_then_the_plan_is_approved(
    version, plan, manager, director, lead_member, django_capture_on_commit_callbacks
):
    services.version_decide(version=version, approver=director, approve=True)
    version.refresh_from_db()
    assert version.state == PlanVersion.State.AWAITING  # the lead member has not decided
    plan.refresh_from_db()
    assert plan.approved_on is None

    with django_capture_on_commit_callbacks(execute=True):
        services.version_decide(version=version, approver=lead_member, approve=True)
    version.refresh_from_db()
    plan.refresh_from_db()
    assert version.state == PlanVersion.State.APPROVED
    assert version.approved_on == TODAY
    assert plan.approved_on == TODAY
    [message] = mail.outbox
    assert message.to == [manager.email]
    assert "approved" in message.subject
    # History: each decision and the version's approval are in the audit trail.
    assert version.history.filter(state="approved").exists()
    assert SignOff.history.filter(decision="approved").count() == 2
    assert Plan.history.filter(id=plan.pk, approved_on=TODAY).exists()


def test_return_path_needs_a_reason_closes_the_version_and_tells_the_manager(
    version, plan, manager, director, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError, match="why you are returning"):
        services.version_decide(version=version, approver=director, approve=False, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.version_decide(
            version=version, approver=director, approve=False, reason="Priority 1 needs dates."
        )
    version.refresh_from_db()
    plan.refresh_from_db()
    assert version.state == PlanVersion.State.RETURNED
    assert plan.approved_on is None
    [message] = mail.outbox
    assert message.to == [manager.email]
    assert "Priority 1 needs dates." in message.body
    assert SignOff.history.filter(decision="returned", reason="Priority 1 needs dates.").exists()
    # A returned version is closed: no more decisions; the manager makes a new one.
    with pytest.raises(ValidationError, match="already been decided"):
        services.version_decide(version=version, approver=director, approve=True)
    second = services.version_submit(
        plan=plan, title="Version 2", approvers=[director], submitted_by=manager
    )
    assert second.number == 2


def test_an_approver_decides_once_and_others_not_at_all(version, director, officer):
    services.version_decide(version=version, approver=director, approve=True)
    with pytest.raises(ValidationError, match="already decided"):
        services.version_decide(version=version, approver=director, approve=True)
    with pytest.raises(ValidationError, match="not an approver"):
        services.version_decide(version=version, approver=officer, approve=True)


def test_the_ofsted_date_is_only_for_an_approved_version(version, director, lead_member):
    with pytest.raises(ValidationError, match="Only an approved version"):
        services.version_record_ofsted(version=version, sent_on=TODAY)
    for person in (director, lead_member):
        services.version_decide(version=version, approver=person, approve=True)
    with pytest.raises(ValidationError, match="on or after the date it was approved"):
        services.version_record_ofsted(version=version, sent_on=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="today or earlier"):
        services.version_record_ofsted(version=version, sent_on=TODAY + dt.timedelta(days=1))
    services.version_record_ofsted(version=version, sent_on=TODAY)
    version.refresh_from_db()
    assert version.sent_to_ofsted_on == TODAY
    assert version.history.filter(sent_to_ofsted_on=TODAY).exists()
