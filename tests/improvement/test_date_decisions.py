"""Requests for a new target date: the plan manager's queue, approve or decline with a
reason, and the requester e-mailed either way."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from improvement.models import DateChangeRequest, TargetDateChange
from improvement.services.plans import date_request_decide
from tests import factories


@pytest.fixture
def date_request(db, officer):
    action = factories.ActionFactory(
        leads=[officer], original_target_date=dt.date(2026, 3, 31), target_date=dt.date(2026, 3, 31)
    )
    return factories.DateChangeRequestFactory(
        action=action,
        requested_by=officer,
        new_date=dt.date(2026, 6, 30),
        reason="The new system goes live in June.",
    )


def test_approving_moves_the_date_with_the_requests_reason_and_emails_the_officer(
    date_request, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        date_request_decide(date_request=date_request, decided_by=manager, approve=True)

    date_request.refresh_from_db()
    action = date_request.action
    action.refresh_from_db()
    assert date_request.state == DateChangeRequest.State.APPROVED
    assert date_request.decided_by == manager and date_request.decided_at is not None
    assert action.target_date == dt.date(2026, 6, 30)
    assert action.original_target_date == dt.date(2026, 3, 31)
    change = TargetDateChange.objects.get(action=action)
    assert change.reason == "The new system goes live in June."
    assert change.request == date_request
    assert change.changed_by == manager

    [message] = mail.outbox
    assert message.to == [date_request.requested_by.email]
    assert "approved" in message.subject
    assert "30 June 2026" in message.body
    assert reverse("action_detail", args=[action.pk]) in message.body


def test_declining_needs_a_reason_keeps_the_date_and_emails_the_reason(
    date_request, manager, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError):
        date_request_decide(date_request=date_request, decided_by=manager, approve=False)

    with django_capture_on_commit_callbacks(execute=True):
        date_request_decide(
            date_request=date_request,
            decided_by=manager,
            approve=False,
            reason="The board wants this by March.",
        )

    date_request.refresh_from_db()
    assert date_request.state == DateChangeRequest.State.DECLINED
    assert date_request.decision_reason == "The board wants this by March."
    date_request.action.refresh_from_db()
    assert date_request.action.target_date == dt.date(2026, 3, 31)
    assert not TargetDateChange.objects.exists()
    [message] = mail.outbox
    assert "declined" in message.subject
    assert "The board wants this by March." in message.body
    assert "31 March 2026" in message.body


def test_a_request_is_decided_only_once(date_request, manager):
    date_request_decide(date_request=date_request, decided_by=manager, approve=True)
    with pytest.raises(ValidationError, match="already been decided"):
        date_request_decide(date_request=date_request, decided_by=manager, approve=True)
    assert TargetDateChange.objects.count() == 1


def test_managers_home_lists_pending_requests_with_approve_and_decline(
    client, date_request, manager
):
    decided = factories.DateChangeRequestFactory(state=DateChangeRequest.State.DECLINED)
    client.force_login(manager)
    page = client.get(reverse("home")).content.decode()
    decide_url = reverse("date_request_decide", args=[date_request.pk])
    assert "Requests for a new target date" in page
    assert f'action="{decide_url}"' in page  # the Approve button posts here
    assert f"{decide_url}?decision=decline" in page
    assert reverse("date_request_decide", args=[decided.pk]) not in page


def test_approve_button_on_home_decides_and_returns_home(
    client, date_request, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("date_request_decide", args=[date_request.pk]),
            {"decision": "approve", "next": "home"},
        )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    date_request.refresh_from_db()
    assert date_request.state == DateChangeRequest.State.APPROVED
    assert len(mail.outbox) == 1
    home = client.get(reverse("home"))
    assert "has been e-mailed" in home.content.decode()


def test_decline_form_shows_the_missing_reason_beside_the_field(client, date_request, manager):
    client.force_login(manager)
    url = reverse("date_request_decide", args=[date_request.pk])
    assert client.get(f"{url}?decision=decline").context["form"].initial == {"decision": "decline"}
    response = client.post(url, {"decision": "decline", "reason": " "})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert '<span id="id_reason_1_error" class="govuk-error-message">' in page
    assert "Enter why you are declining the request" in page
    assert client.post(url, {}).context["form"].errors["decision"] == [
        "Select whether you approve or decline the request"
    ]
    date_request.refresh_from_db()
    assert date_request.state == DateChangeRequest.State.PENDING
    assert not mail.outbox


def test_officers_cannot_decide(client, date_request, officer):
    client.force_login(officer)
    response = client.post(
        reverse("date_request_decide", args=[date_request.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    date_request.refresh_from_db()
    assert date_request.state == DateChangeRequest.State.PENDING
