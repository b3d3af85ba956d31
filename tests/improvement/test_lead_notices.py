"""Item 15 of issue 18: leads hear when an action is assigned to them, its target date is
changed by someone else, or it is verified; at once or in their daily digest, as they chose."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from core import roles
from improvement.models import DigestNote
from improvement.services import plans
from improvement.services.actions import action_target_date_change
from improvement.services.verification import action_verify
from tests import factories
from tests.improvement.test_verification import complete_action

TODAY = dt.date(2026, 6, 15)
DIGEST = "digest"


@pytest.fixture
def today(fixed_today, settings):
    settings.SITE_URL = "https://tracker.example.org"
    return fixed_today(TODAY)


def lead(delivery="at_once", **kwargs):
    return factories.UserFactory(roles=[roles.OFFICER], notice_delivery=delivery, **kwargs)


def sent_to(person) -> list:
    return [message for message in mail.outbox if message.to == [person.email]]


def run_digest(capture) -> str:
    out = io.StringIO()
    with capture(execute=True):
        call_command("send_reminders", stdout=out)
    return out.getvalue()


def create(priority, leads, manager):
    return plans.action_create(
        priority=priority,
        fields={"description": "Audit the front door", "timescale": "3 months"},
        target_date=dt.date(2026, 9, 1),
        lead_officers=leads,
        created_by=manager,
    )


def test_leads_of_a_new_action_are_told_at_once(
    db, today, manager, django_capture_on_commit_callbacks
):
    person = lead(full_name="Asha Lead")
    with django_capture_on_commit_callbacks(execute=True):
        action = create(factories.PriorityFactory(), [person, manager], manager)
    [message] = sent_to(person)
    assert f"Action {action.reference} has been assigned to you" in message.subject
    assert "made you a lead of action" in message.body
    assert f"https://tracker.example.org{action.get_absolute_url()}" in message.body
    assert sent_to(manager) == []  # the person who did it is not told


def test_only_leads_added_by_an_edit_are_told(
    db, today, manager, django_capture_on_commit_callbacks
):
    kept, added = lead(), lead()
    action = factories.ActionFactory(leads=[kept])
    with django_capture_on_commit_callbacks(execute=True):
        plans.action_update(
            action=action,
            version=action.version,
            edited_by=manager,
            fields={"description": action.description},
            lead_officers=[kept, added],
            recommendations=[],
        )
    assert sent_to(kept) == []
    assert len(sent_to(added)) == 1
    assert "assigned to you" in sent_to(added)[0].subject


def test_a_target_date_changed_by_a_manager_is_told_to_the_leads(
    db, today, manager, django_capture_on_commit_callbacks
):
    person = lead()
    action = factories.ActionFactory(leads=[person], target_date=dt.date(2026, 9, 1))
    with django_capture_on_commit_callbacks(execute=True):
        action_target_date_change(
            action=action,
            new_date=dt.date(2026, 12, 1),
            reason="Waiting for the new case system",
            changed_by=manager,
        )
    [message] = sent_to(person)
    assert "target date of action" in message.subject
    assert "from 1 September 2026 to 1 December 2026" in message.body
    assert "Waiting for the new case system" in message.body


def test_a_verified_action_is_told_to_its_leads(
    db, today, auditor, django_capture_on_commit_callbacks
):
    person = lead()
    action = complete_action(person)
    with django_capture_on_commit_callbacks(execute=True):
        action_verify(action=action, verifier=auditor, note="Checked ten cases.")
    [message] = sent_to(person)
    assert f"Action {action.reference} has been verified" in message.subject
    assert "Checked ten cases." in message.body


def test_digest_choosers_get_no_email_then_all_three_in_the_next_digest(
    db, today, manager, auditor, django_capture_on_commit_callbacks
):
    person = lead(DIGEST, wants_reminders=False)  # no reminder lists, only the notices
    with django_capture_on_commit_callbacks(execute=True):
        action = create(factories.PriorityFactory(), [person], manager)
        action_target_date_change(
            action=action, new_date=dt.date(2026, 10, 1), reason="Re-planned", changed_by=manager
        )
    action = complete_action(person)
    with django_capture_on_commit_callbacks(execute=True):
        action_verify(action=action, verifier=auditor, note="Checked ten cases.")
    assert sent_to(person) == []
    assert DigestNote.objects.filter(recipient=person, digest_on=None).count() == 3

    run_digest(django_capture_on_commit_callbacks)
    [digest] = sent_to(person)
    assert digest.subject.endswith("3 changes to your actions")
    assert "CHANGES TO YOUR ACTIONS (3)" in digest.body
    assert "made you a lead" in digest.body
    assert "from 1 September 2026 to 1 October 2026: Re-planned" in digest.body
    assert "verified action" in digest.body
    assert not DigestNote.objects.filter(digest_on=None).exists()

    run_digest(django_capture_on_commit_callbacks)  # each note goes in one digest only
    assert len(sent_to(person)) == 1


def test_digest_notes_join_the_reminder_lists(
    db, today, manager, django_capture_on_commit_callbacks
):
    person = lead(DIGEST)
    factories.ActionFactory(leads=[person], target_date=dt.date(2026, 6, 1))  # overdue
    with django_capture_on_commit_callbacks(execute=True):
        create(factories.PriorityFactory(), [person], manager)
    run_digest(django_capture_on_commit_callbacks)
    [digest] = sent_to(person)
    assert "OVERDUE (1)" in digest.body
    assert "CHANGES TO YOUR ACTIONS (1)" in digest.body


def test_a_note_about_an_action_no_longer_visible_is_left_out(
    db, today, manager, django_capture_on_commit_callbacks
):
    person = lead(DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        action = create(factories.PriorityFactory(), [person], manager)
    action.lead_officers.remove(person)
    person.groups.clear()  # no longer an officer: may not see a plan's actions
    run_digest(django_capture_on_commit_callbacks)
    assert all("made you a lead" not in m.body for m in sent_to(person))


def test_the_choice_is_on_the_profile(client, officer):
    client.force_login(officer)
    page = client.get(reverse("profile")).content.decode()
    assert "Send these notices" in page and "In my daily digest" in page
    client.post(reverse("profile"), {"wants_reminders": "on", "notice_delivery": DIGEST})
    officer.refresh_from_db()
    assert officer.notice_delivery == DIGEST
