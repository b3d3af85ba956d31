"""With the mail server down, every page that sends a notice answers exactly as it does with
mail working, saves once, and the notice goes out when mail returns (core/notify.py).

Before the outbox, a notice was sent in the request after commit: a refused connection
answered 500 though the change was saved, and the user's retry saved it again.
"""

import datetime as dt
import io
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core import roles
from core.models import Notice
from improvement.models import Action, Challenge, DateChangeRequest
from improvement.services.actions import progress_update_post
from improvement.status import Status
from tests import factories
from tests.mailserver import FAILURES, take_mail_down

TODAY = dt.date(2026, 6, 15)


def user(role, **kwargs):
    return factories.UserFactory(roles=[role], **kwargs)


def lead_and_action(**kwargs) -> tuple:
    lead = user(roles.OFFICER)
    return lead, factories.ActionFactory(leads=[lead], target_date=dt.date(2026, 7, 1), **kwargs)


# Each scenario posts one page as its user and returns (response, the URL it should send
# the user to, how many records it saved, the addresses it should e-mail).


def raise_on_action(client):
    lead, action = lead_and_action()
    client.force_login(user(roles.SCRUTINY))
    response = client.post(
        reverse("challenge_raise_action", args=[action.pk]), {"question": "Is it on track?"}
    )
    saved = Challenge.objects.filter(action=action).count()
    return response, action.get_absolute_url(), saved, [lead.email]


def plan_managers() -> list[str]:
    return [manager.email for manager in User.objects.filter(groups__name=roles.PLAN_MANAGER)]


def raise_on_recommendation(client):
    user(roles.PLAN_MANAGER)
    recommendation = factories.RecommendationFactory()
    client.force_login(user(roles.SCRUTINY))
    response = client.post(
        reverse("challenge_raise_recommendation", args=[recommendation.pk]),
        {"question": "When will this be done?"},
    )
    saved = Challenge.objects.filter(recommendation=recommendation).count()
    return response, recommendation.get_absolute_url(), saved, plan_managers()


def answer_challenge(client):
    lead, action = lead_and_action()
    member = user(roles.SCRUTINY)
    challenge = factories.ChallengeFactory(action=action, raised_by=member)
    client.force_login(lead)
    response = client.post(
        reverse("challenge_answer", args=[challenge.pk]), {"answer": "Monthly audits."}
    )
    saved = Challenge.objects.filter(pk=challenge.pk, state=Challenge.State.ANSWERED).count()
    return response, action.get_absolute_url(), saved, [member.email]


def request_a_date(client):
    user(roles.PLAN_MANAGER)
    lead, action = lead_and_action()
    client.force_login(lead)
    response = client.post(
        reverse("date_change_request_create", args=[action.pk]),
        {"new_date_0": "30", "new_date_1": "9", "new_date_2": "2026", "reason": "Recruitment."},
    )
    saved = DateChangeRequest.objects.filter(action=action).count()
    return response, action.get_absolute_url(), saved, plan_managers()


def decide_a_date(decision):
    def scenario(client):
        manager = user(roles.PLAN_MANAGER)
        lead, action = lead_and_action()
        request = factories.DateChangeRequestFactory(action=action, requested_by=lead)
        client.force_login(manager)
        response = client.post(
            reverse("date_request_decide", args=[request.pk]),
            {"decision": decision, "reason": "Agreed at the board.", "next": "home"},
        )
        saved = DateChangeRequest.objects.filter(
            pk=request.pk, state__in=[DateChangeRequest.State.APPROVED, "declined"]
        ).count()
        return response, reverse("home"), saved, [lead.email]

    scenario.__name__ = f"{decision}_a_date"
    return scenario


def return_an_action(client):
    lead, action = lead_and_action()
    progress_update_post(
        action=action,
        author=lead,
        narrative="All done.",
        status=Status.COMPLETE,
        links=["https://intranet.example.org/audit.pdf"],
        at=timezone.now() - dt.timedelta(days=2),
    )
    client.force_login(user(roles.AUDITOR))
    response = client.post(
        reverse("action_return", args=[action.pk]), {"reason": "No sample attached."}
    )
    saved = Action.objects.filter(pk=action.pk, returned_at__isnull=False).count()
    return response, reverse("verification_queue"), saved, [lead.email]


SCENARIOS = [
    raise_on_action,
    raise_on_recommendation,
    answer_challenge,
    request_a_date,
    decide_a_date("approve"),
    decide_a_date("decline"),
    return_an_action,
]


def answer(response, expected_url) -> tuple:
    """What the user sees: the status, where they are sent, and the message shown there
    (numbers, which name each run's own records, left out)."""
    assert response.get("Location") == expected_url
    shown = [re.sub(r"\d+", "#", str(m)) for m in get_messages(response.wsgi_request)]
    return response.status_code, shown


@pytest.mark.django_db(transaction=True)  # on_commit runs as in production
@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_with_mail_down_the_page_answers_as_with_mail_working_and_the_notice_follows(
    fixed_today, scenario, failure
):
    fixed_today(TODAY)
    response, url, saved, _ = scenario(Client())
    working = answer(response, url)
    assert response.status_code == 302 and saved == 1 and mail.outbox
    mail.outbox.clear()

    with pytest.MonkeyPatch.context() as patch:
        take_mail_down(patch, failure)
        response, url, saved, recipients = scenario(Client())
    assert answer(response, url) == working
    assert saved == 1  # once: the user was told it worked, so has no reason to try again
    assert mail.outbox == []
    waiting = Notice.objects.filter(state=Notice.State.PENDING)
    assert sorted(waiting.values_list("to", flat=True)) == sorted(recipients)
    assert max(notice.attempts for notice in waiting) == 1
    assert type(failure()).__name__ in waiting.first().last_error

    # The mail server is back.
    call_command("send_notices", "--all", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == sorted(recipients)
    assert not Notice.objects.filter(state=Notice.State.PENDING).exists()


@pytest.mark.django_db(transaction=True)
def test_a_reference_saved_with_a_line_break_no_longer_breaks_challenges_on_it():
    """Saved before the form refused it: the notice's subject is made one line, not a 500."""
    manager = user(roles.PLAN_MANAGER)
    recommendation = factories.RecommendationFactory(reference="R4\r\nBcc: all@example.org")
    client = Client()
    client.force_login(user(roles.SCRUTINY))
    response = client.post(
        reverse("challenge_raise_recommendation", args=[recommendation.pk]),
        {"question": "When will this be done?"},
    )
    assert response.status_code == 302
    assert Challenge.objects.filter(recommendation=recommendation).count() == 1
    (sent,) = mail.outbox
    assert sent.to == [manager.email]
    assert sent.subject.endswith("question about recommendation R4 Bcc: all@example.org")
    assert sent.message()["Bcc"] is None
