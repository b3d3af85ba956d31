"""Answering scrutiny challenges: who may, what is recorded, where the answer shows."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from core import roles
from improvement.models import Challenge
from improvement.services.challenges import challenge_answer
from tests import factories


@pytest.fixture
def action(db, officer):
    return factories.ActionFactory(leads=[officer])


@pytest.fixture
def challenge(action, scrutiny):
    return factories.ChallengeFactory(
        action=action, raised_by=scrutiny, question="How do you know it works?"
    )


@pytest.fixture
def url(challenge):
    return reverse("challenge_answer", args=[challenge.pk])


def test_the_lead_answers_and_the_member_who_asked_is_emailed(
    challenge, officer, scrutiny, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        challenge_answer(challenge=challenge, answered_by=officer, answer="  Monthly audits.  ")
    challenge.refresh_from_db()
    assert challenge.state == Challenge.State.ANSWERED
    assert challenge.answer == "Monthly audits."
    assert challenge.answered_by == officer and challenge.answered_at
    assert [m.to for m in mail.outbox] == [[scrutiny.email]]
    assert "Monthly audits." in mail.outbox[0].body
    assert challenge.action.get_absolute_url() in mail.outbox[0].body


def test_an_answered_or_closed_challenge_cannot_be_answered_again(challenge, officer):
    challenge_answer(challenge=challenge, answered_by=officer, answer="First")
    with pytest.raises(ValidationError, match="already been answered"):
        challenge_answer(challenge=challenge, answered_by=officer, answer="Second")
    challenge.refresh_from_db()
    assert challenge.answer == "First"


def test_an_empty_answer_is_refused(challenge, officer):
    with pytest.raises(ValidationError, match="Enter your answer"):
        challenge_answer(challenge=challenge, answered_by=officer, answer="   ")


def test_answering_from_the_page_shows_the_answer_on_the_action(
    client, challenge, officer, action, url
):
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert "How do you know it works?" in page
    response = client.post(url, {"answer": "Audits of 20 cases\nevery month."}, follow=True)
    assert response.redirect_chain[-1][0] == action.get_absolute_url()
    html = response.content.decode()
    assert "Your answer has been sent" in html
    assert "Audits of 20 cases<br>every month." in html
    assert "Answered" in html


@pytest.mark.parametrize(
    ("answer", "message"),
    [("", "Enter your answer to the challenge"), ("x" * 10_001, "10,000 characters or fewer")],
)
def test_bad_answers_get_a_message_beside_the_field(
    client, challenge, officer, url, answer, message
):
    client.force_login(officer)
    response = client.post(url, {"answer": answer})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html[html.index('id="div_id_answer"') :]
    challenge.refresh_from_db()
    assert challenge.state == Challenge.State.OPEN


def test_an_answered_challenge_page_shows_the_answer_and_refuses_a_second(
    client, challenge, officer, url
):
    challenge_answer(challenge=challenge, answered_by=officer, answer="Already done")
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert "Already done" in page and 'name="answer"' not in page
    response = client.post(url, {"answer": "Again"})
    assert "already been answered" in response.content.decode()


def test_a_member_of_the_lead_team_may_answer(client, db, scrutiny):
    team = factories.TeamFactory()
    member = factories.UserFactory(roles=[roles.OFFICER], teams=[team])
    challenge = factories.ChallengeFactory(action=factories.ActionFactory(lead_team=team))
    client.force_login(member)
    response = client.post(reverse("challenge_answer", args=[challenge.pk]), {"answer": "Yes"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("role", "expected"),
    [(roles.OFFICER, 403), (roles.PLAN_MANAGER, 302), (roles.SCRUTINY, 403), (roles.AUDITOR, 403)],
)
def test_who_may_answer(client, challenge, url, role, expected):
    client.force_login(factories.UserFactory(roles=[role]))
    assert client.post(url, {"answer": "An answer"}).status_code == expected


def test_administrators_may_not_answer(client, challenge, url, admin_user):
    client.force_login(admin_user)
    assert client.post(url, {"answer": "An answer"}).status_code == 403


def test_a_challenge_on_a_confidential_action_is_404_to_scrutiny(client, db, scrutiny, manager):
    secret = factories.RecommendationFactory(
        inspection=factories.InspectionFactory(is_confidential=True)
    )
    challenge = factories.ChallengeFactory(action=factories.ActionFactory(recommendations=[secret]))
    url = reverse("challenge_answer", args=[challenge.pk])
    client.force_login(scrutiny)
    assert client.get(url).status_code == 404
    client.force_login(manager)
    assert client.get(url).status_code == 200


def test_a_plan_manager_answers_a_challenge_on_a_recommendation(client, db, manager):
    recommendation = factories.RecommendationFactory()
    challenge = factories.ChallengeFactory(action=None, recommendation=recommendation)
    client.force_login(manager)
    response = client.post(reverse("challenge_answer", args=[challenge.pk]), {"answer": "Noted"})
    assert response["Location"] == recommendation.get_absolute_url()
    challenge.refresh_from_db()
    assert challenge.answer == "Noted"
