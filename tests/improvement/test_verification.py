"""Verifying completed actions, returning them to their leads, and the verification queue."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core import roles
from improvement.models import Action, ProgressUpdate
from improvement.selectors.exceptions import verification_queue
from improvement.services.actions import progress_update_post
from improvement.services.verification import action_return, action_verify
from improvement.status import Status
from tests import factories
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def complete_action(lead, *, evidence=True, **kwargs) -> Action:
    action = factories.ActionFactory(leads=[lead], **kwargs)
    progress_update_post(
        action=action,
        author=lead,
        narrative="All strategy discussions now held within a day.",
        status=Status.COMPLETE,
        links=["https://intranet.example.org/audit.pdf"] if evidence else [],
        at=timezone.now() - dt.timedelta(days=2),
    )
    action.refresh_from_db()
    return action


# The services ----------------------------------------------------------------------------


def test_an_auditor_verifies_a_complete_action_with_a_note(officer, auditor):
    action = complete_action(officer)

    action_verify(action=action, verifier=auditor, note="Checked ten strategy discussions.")

    action.refresh_from_db()
    assert action.declared_status == Status.VERIFIED
    assert action.verified_by == auditor
    assert action.verified_at is not None
    assert action.verification_note == "Checked ten strategy discussions."
    latest = action.updates.first()
    assert (latest.status, latest.author) == (Status.VERIFIED, auditor)
    assert latest.narrative == "Verified: Checked ten strategy discussions."


def test_verifying_needs_a_note(officer, auditor):
    action = complete_action(officer)
    with pytest.raises(ValidationError) as error:
        action_verify(action=action, verifier=auditor, note="  ")
    assert error.value.message_dict == {"note": ["Enter what you checked"]}


@pytest.mark.parametrize("status", [Status.ON_TRACK, Status.AT_RISK, Status.NOT_STARTED])
def test_only_a_complete_action_can_be_verified_or_returned(officer, auditor, status):
    action = factories.ActionFactory(leads=[officer], declared_status=status)
    with pytest.raises(ValidationError, match="Only an action declared complete"):
        action_verify(action=action, verifier=auditor, note="Checked.")
    with pytest.raises(ValidationError, match="Only an action declared complete"):
        action_return(action=action, returned_by=auditor, reason="Missing evidence.")


def test_no_one_verifies_an_action_they_lead_not_even_an_auditor(officer):
    auditor_lead = factories.UserFactory(roles=[roles.AUDITOR, roles.OFFICER])
    action = complete_action(auditor_lead)
    with pytest.raises(PermissionDenied):
        action_verify(action=action, verifier=auditor_lead, note="My own work.")
    with pytest.raises(PermissionDenied):
        action_return(action=action, returned_by=auditor_lead, reason="Mine.")


def test_a_plan_manager_in_the_lead_team_cannot_verify_it(officer):
    team = factories.TeamFactory()
    manager = factories.UserFactory(roles=[roles.PLAN_MANAGER], teams=[team])
    action = complete_action(officer, lead_team=team)
    with pytest.raises(PermissionDenied):
        action_verify(action=action, verifier=manager, note="Checked.")


def test_returning_records_the_reason_and_emails_the_leads(
    officer, auditor, django_capture_on_commit_callbacks
):
    second_lead = factories.UserFactory(full_name="Sam Second", roles=[roles.OFFICER])
    action = complete_action(officer)
    action.lead_officers.add(second_lead)

    with django_capture_on_commit_callbacks(execute=True):
        action_return(action=action, returned_by=auditor, reason="Attach the audit of ten cases.")

    action.refresh_from_db()
    assert action.is_returned
    assert action.returned_reason == "Attach the audit of ten cases."
    assert action.declared_status == Status.COMPLETE  # the lead's declaration stands
    assert sorted(m.to[0] for m in mail.outbox) == sorted([officer.email, second_lead.email])
    message = mail.outbox[0]
    assert f"Action {action.reference} has been returned to you" in message.subject
    assert "Attach the audit of ten cases." in message.body
    assert "Ada Auditor" in message.body
    assert f"/actions/{action.pk}/" in message.body


def test_returning_needs_a_reason(officer, auditor):
    action = complete_action(officer)
    with pytest.raises(ValidationError) as error:
        action_return(action=action, returned_by=auditor, reason="")
    assert error.value.message_dict == {"reason": ["Enter why you are returning the action"]}


def test_an_action_shows_returned_until_a_lead_posts_a_new_update(officer, auditor):
    action = complete_action(officer)
    action_return(action=action, returned_by=auditor, reason="Where is the evidence?")
    action.refresh_from_db()
    assert action.is_returned
    assert action not in verification_queue(auditor)
    with pytest.raises(ValidationError, match="already been returned"):
        action_return(action=action, returned_by=auditor, reason="Again.")

    progress_update_post(
        action=action, author=officer, narrative="Evidence attached.", status=Status.COMPLETE
    )

    action.refresh_from_db()
    assert not action.is_returned
    assert action in verification_queue(auditor)


# The pages -------------------------------------------------------------------------------


def test_a_lead_gets_403_for_verifying_or_returning_their_own_action(client, officer):
    action = complete_action(officer)
    client.force_login(officer)
    for name, data in (("action_verify", {"note": "Mine."}), ("action_return", {"reason": "x"})):
        url = reverse(name, args=[action.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    action.refresh_from_db()
    assert action.declared_status == Status.COMPLETE and not action.is_returned


def test_an_administrator_without_the_auditor_role_may_not_verify(client, officer, admin_user):
    action = complete_action(officer)
    client.force_login(admin_user)
    response = client.post(
        reverse("action_verify", args=[action.pk]), {"note": "Checked.", "impact": "evidenced"}
    )
    assert response.status_code == 403


def test_the_verify_page_shows_the_evidence_and_both_decisions(client, officer, auditor):
    action = complete_action(officer)
    client.force_login(auditor)

    response = client.get(reverse("action_verify", args=[action.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "https://intranet.example.org/audit.pdf" in html
    assert "All strategy discussions now held within a day." in html
    assert 'name="note"' in html and 'name="reason"' in html
    assert f'action="{reverse("action_return", args=[action.pk])}"' in html


def test_verifying_through_the_page_redirects_to_the_queue_with_a_message(client, officer, manager):
    action = complete_action(officer)
    client.force_login(manager)

    response = client.post(
        reverse("action_verify", args=[action.pk]),
        {"note": "Minutes checked.", "impact": "evidenced"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("verification_queue")
    assert f"Action {action.reference} has been verified" in response.content.decode()
    action.refresh_from_db()
    assert (action.declared_status, action.verified_by) == (Status.VERIFIED, manager)
    entry = action.history.first()
    assert entry.history_user == manager and entry.ip_address == "127.0.0.1"


def test_a_missing_note_or_reason_is_shown_beside_the_field(client, officer, auditor):
    action = complete_action(officer)
    client.force_login(auditor)

    verify = client.post(reverse("action_verify", args=[action.pk]), {"note": ""})
    give_back = client.post(reverse("action_return", args=[action.pk]), {"reason": ""})

    assert verify.status_code == give_back.status_code == 400
    assert "Enter what you checked" in verify.content.decode()
    assert "Enter why you are returning the action" in give_back.content.decode()
    assert 'href="#id_reason"' in give_back.content.decode()


def test_verifying_an_action_that_is_not_complete_says_why(client, officer, auditor):
    action = factories.ActionFactory(leads=[officer], declared_status=Status.ON_TRACK)
    client.force_login(auditor)

    page = client.get(reverse("action_verify", args=[action.pk]), follow=True)
    posted = client.post(
        reverse("action_verify", args=[action.pk]), {"note": "Checked.", "impact": "evidenced"}
    )

    assert page.redirect_chain == [(reverse("action_detail", args=[action.pk]), 302)]
    assert "Only an action its lead has declared complete" in page.content.decode()
    assert posted.status_code == 400
    assert "Only an action declared complete can be verified" in posted.content.decode()
    assert not ProgressUpdate.objects.filter(action=action).exists()


def test_returning_through_the_page_emails_the_leads(
    client, officer, auditor, django_capture_on_commit_callbacks
):
    action = complete_action(officer)
    client.force_login(auditor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("action_return", args=[action.pk]), {"reason": "No sample attached."}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_the_lead_sees_the_returned_flag_on_the_action_page(client, officer, auditor):
    action = complete_action(officer)
    action_return(action=action, returned_by=auditor, reason="No sample attached.")
    client.force_login(officer)

    html = client.get(reverse("action_detail", args=[action.pk])).content.decode()

    assert "Returned" in html
    assert "No sample attached." in html


def test_the_action_page_offers_verification_to_a_verifier_only(client, officer, auditor):
    action = complete_action(officer)
    verify_url = reverse("action_verify", args=[action.pk])
    client.force_login(auditor)
    assert verify_url in client.get(reverse("action_detail", args=[action.pk])).content.decode()
    client.force_login(officer)
    assert verify_url not in client.get(reverse("action_detail", args=[action.pk])).content.decode()


def test_the_queue_lists_complete_actions_with_narrative_and_evidence_count(
    client, officer, auditor
):
    waiting = complete_action(officer)
    bare = complete_action(officer, evidence=False)
    returned = complete_action(officer)
    action_return(action=returned, returned_by=auditor, reason="Missing.")
    factories.ActionFactory(leads=[officer], declared_status=Status.ON_TRACK)
    client.force_login(auditor)

    response = client.get(reverse("verification_queue"))

    rows = {action.pk: action for action, _ in response.context["rows"]}
    assert set(rows) == {waiting.pk, bare.pk}
    assert rows[waiting.pk].evidence_count == 1 and rows[bare.pk].evidence_count == 0
    assert rows[waiting.pk].latest_narrative == "All strategy discussions now held within a day."
    assert [a.pk for a in response.context["returned"]] == [returned.pk]


def test_a_plan_manager_sees_which_queued_actions_they_lead(client, officer):
    manager = factories.UserFactory(roles=[roles.PLAN_MANAGER, roles.OFFICER])
    own = complete_action(manager)
    client.force_login(manager)
    response = client.get(reverse("verification_queue"))
    assert [(a.pk, leads) for a, leads in response.context["rows"]] == [(own.pk, True)]
    assert "someone else must verify it" in response.content.decode()


def test_the_queue_takes_the_same_number_of_queries_at_3_and_30_actions(client, officer, auditor):
    client.force_login(auditor)
    for _ in range(3):
        complete_action(officer)

    def more():
        for _ in range(27):
            complete_action(factories.UserFactory(roles=[roles.OFFICER]))

    response = assert_flat_queries(client.get, reverse("verification_queue"), grow=more)
    assert len(response.context["rows"]) == 30
