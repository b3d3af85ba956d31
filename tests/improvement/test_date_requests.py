"""Officers ask for more time: a future date and a reason, one pending request, managers told."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from core import roles
from improvement.models import DateChangeRequest
from improvement.services import date_requests
from improvement.services.date_requests import date_change_request_create
from tests import factories

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def action(db, officer, fixed_today):
    fixed_today(TODAY)
    return factories.ActionFactory(leads=[officer], target_date=dt.date(2026, 7, 1))


@pytest.fixture
def url(action):
    return reverse("date_change_request_create", args=[action.pk])


def form(day="30", month="9", year="2026", reason="Recruitment has taken longer."):
    return {"new_date_0": day, "new_date_1": month, "new_date_2": year, "reason": reason}


def test_request_is_recorded_and_every_plan_manager_is_emailed(
    action, officer, manager, django_capture_on_commit_callbacks
):
    other_manager = factories.UserFactory(roles=[roles.PLAN_MANAGER], email="pm2@example.org")
    factories.UserFactory(roles=[roles.PLAN_MANAGER], is_active=False)
    factories.UserFactory(roles=[roles.AUDITOR])
    with django_capture_on_commit_callbacks(execute=True):
        request = date_change_request_create(
            action=action,
            requested_by=officer,
            new_date=dt.date(2026, 9, 30),
            reason="  Recruitment  ",
        )
    assert request.state == DateChangeRequest.State.PENDING
    assert request.reason == "Recruitment"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([manager.email, other_manager.email])
    body = mail.outbox[0].body
    assert "30 September 2026" in body and "Recruitment" in body and "Olu Officer" in body
    assert f"/actions/{action.pk}/" in body
    action.refresh_from_db()
    assert action.target_date == dt.date(2026, 7, 1)  # unchanged until a manager decides


@pytest.mark.parametrize(
    ("new_date", "reason", "message"),
    [
        (TODAY, "Why", "must be in the future"),
        (dt.date(2026, 1, 1), "Why", "must be in the future"),
        (dt.date(2026, 7, 1), "Why", "different from the current target date"),
        (dt.date(2026, 9, 1), "  ", "Enter why the target date needs to change"),
    ],
)
def test_the_service_refuses_bad_requests(action, officer, new_date, reason, message):
    with pytest.raises(ValidationError, match=message):
        date_change_request_create(
            action=action, requested_by=officer, new_date=new_date, reason=reason
        )
    assert not DateChangeRequest.objects.exists()


def test_only_one_request_may_wait_for_a_decision(action, officer):
    date_change_request_create(
        action=action, requested_by=officer, new_date=dt.date(2026, 9, 1), reason="One"
    )
    with pytest.raises(ValidationError, match="already a request"):
        date_change_request_create(
            action=action, requested_by=officer, new_date=dt.date(2026, 10, 1), reason="Two"
        )
    DateChangeRequest.objects.update(state=DateChangeRequest.State.DECLINED)
    date_change_request_create(
        action=action, requested_by=officer, new_date=dt.date(2026, 10, 1), reason="Three"
    )
    assert DateChangeRequest.objects.count() == 2


def test_a_request_racing_another_gets_the_clear_message(action, officer, monkeypatch):
    factories.DateChangeRequestFactory(action=action, requested_by=officer)

    class NoneFound:
        def filter(self, **kwargs):
            return self

        def exists(self):
            return False  # as if the other request was saved after this check

        def create(self, **kwargs):
            raise IntegrityError("one_pending_request_per_action")

    monkeypatch.setattr(date_requests.DateChangeRequest, "objects", NoneFound())
    with pytest.raises(ValidationError, match="already a request"):
        date_change_request_create(
            action=action, requested_by=officer, new_date=dt.date(2026, 9, 1), reason="Race"
        )


def test_the_database_holds_one_pending_request_per_action(action, officer):
    factories.DateChangeRequestFactory(action=action, requested_by=officer)
    with pytest.raises(IntegrityError):
        factories.DateChangeRequestFactory(action=action, requested_by=officer)


# The page ------------------------------------------------------------------------------


def test_officer_asks_from_the_action_page_and_sees_the_request_there(client, action, officer, url):
    client.force_login(officer)
    html = client.get(action.get_absolute_url()).content.decode()
    assert url in html and "Ask for more time" in html
    response = client.post(url, form(), follow=True)
    page = response.content.decode()
    assert "Your request has been sent to the plan managers" in page
    assert "waiting for a decision" in page and "30 September 2026" in page
    assert url not in page  # no second request while one waits


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (form(day="", month="", year=""), "new_date", "Enter the new target date"),
        (form(day="31", month="2", year="2027"), "new_date", "Enter a real date"),
        (form(day="x", month="2", year="2027"), "new_date", "Enter a real date"),
        (form(day="1", month="", year="2027"), "new_date", "The date must include a month"),
        (form(day="1", month="1", year="2026"), "new_date", "must be in the future"),
        (form(year="2101"), "new_date", "Enter a year between 2000 and 2100"),
        (form(year="99999"), "new_date", "Enter a real date"),
        (form(reason=""), "reason", "Enter why the target date needs to change"),
        (form(reason="x" * 2001), "reason", "2,000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field(
    client, action, officer, url, data, field, message
):
    client.force_login(officer)
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    group = html[html.index(f'id="div_id_{field}"') :]
    assert message in group[: group.find("</fieldset>") if field == "new_date" else len(group)]
    assert "There is a problem" in html
    assert not DateChangeRequest.objects.exists()


def test_a_second_request_is_refused_with_a_clear_message(client, action, officer, url):
    factories.DateChangeRequestFactory(action=action, requested_by=officer)
    client.force_login(officer)
    assert "already waiting for a plan manager" in client.get(url).content.decode()
    response = client.post(url, form())
    assert "already a request to change this action" in response.content.decode()
    assert DateChangeRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "expected"),
    [(roles.OFFICER, 403), (roles.PLAN_MANAGER, 302), (roles.SCRUTINY, 403), (roles.AUDITOR, 403)],
)
def test_who_may_ask(client, action, url, role, expected):
    client.force_login(factories.UserFactory(roles=[role]))
    assert client.post(url, form()).status_code == expected


def test_administrators_may_not_ask(client, action, url, admin_user):
    client.force_login(admin_user)
    assert client.post(url, form()).status_code == 403
    assert "Ask for more time" not in client.get(action.get_absolute_url()).content.decode()
