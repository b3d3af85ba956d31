"""Scrutiny challenges: raising, the list of challenges with their answers, closing."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core import roles
from improvement.models import Challenge
from improvement.services.challenges import challenge_answer, challenge_close, challenge_raise
from tests import factories
from tests.queries import assert_flat_queries


@pytest.fixture
def lead(db):
    return factories.UserFactory(full_name="Lena Lead", roles=[roles.OFFICER])


@pytest.fixture
def action(lead):
    return factories.ActionFactory(leads=[lead], description="Audit strategy meetings")


# Services -----------------------------------------------------------------------------


def test_raising_on_an_action_emails_its_leads(
    action, lead, scrutiny, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        challenge = challenge_raise(
            raised_by=scrutiny, action=action, question="  Why has this slipped?  "
        )
    assert challenge.state == Challenge.State.OPEN
    assert challenge.question == "Why has this slipped?"
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert f"action {action.reference}" in mail.outbox[0].subject
    assert "Why has this slipped?" in mail.outbox[0].body
    assert reverse("challenge_answer", args=[challenge.pk]) in mail.outbox[0].body


def test_raising_on_a_recommendation_emails_the_plan_managers(
    scrutiny, manager, lead, django_capture_on_commit_callbacks
):
    recommendation = factories.RecommendationFactory(reference="R7")
    other_manager = factories.UserFactory(roles=[roles.PLAN_MANAGER])
    with django_capture_on_commit_callbacks(execute=True):
        challenge_raise(raised_by=scrutiny, recommendation=recommendation, question="Who owns R7?")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([manager.email, other_manager.email])
    assert "recommendation R7" in mail.outbox[0].subject


@pytest.mark.parametrize("question", ["", "   "])
def test_a_challenge_needs_a_question(action, scrutiny, question):
    with pytest.raises(ValidationError) as error:
        challenge_raise(raised_by=scrutiny, action=action, question=question)
    assert error.value.message_dict == {"question": ["Enter your question"]}
    assert not Challenge.objects.exists()


def test_a_challenge_is_about_one_thing(action, scrutiny):
    with pytest.raises(ValidationError):
        challenge_raise(raised_by=scrutiny, question="Both?")
    with pytest.raises(ValidationError):
        challenge_raise(
            raised_by=scrutiny,
            action=action,
            recommendation=factories.RecommendationFactory(),
            question="Both?",
        )


def test_only_the_member_who_raised_it_closes_it_and_only_once(action, scrutiny):
    challenge = challenge_raise(raised_by=scrutiny, action=action, question="Why?")
    other = factories.UserFactory(roles=[roles.SCRUTINY])
    with pytest.raises(PermissionDenied):
        challenge_close(challenge=challenge, closed_by=other)
    closed = challenge_close(challenge=challenge, closed_by=scrutiny)
    assert closed.state == Challenge.State.CLOSED and closed.closed_at
    with pytest.raises(ValidationError):
        challenge_close(challenge=challenge, closed_by=scrutiny)


# Views --------------------------------------------------------------------------------


def test_member_raises_a_challenge_from_the_action_page(client, action, scrutiny):
    client.force_login(scrutiny)
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert reverse("challenge_raise_action", args=[action.pk]) in page  # the partial shows
    response = client.post(
        reverse("challenge_raise_action", args=[action.pk]), {"question": "Is it on track?"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("action_detail", args=[action.pk])
    challenge = Challenge.objects.get()
    assert (challenge.action, challenge.raised_by) == (action, scrutiny)
    followed = client.get(response["Location"]).content.decode()
    assert "Your question has been sent to the action&#x27;s leads" in followed


def test_an_empty_question_is_shown_again_with_the_error(client, action, scrutiny):
    client.force_login(scrutiny)
    response = client.post(reverse("challenge_raise_action", args=[action.pk]), {"question": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "Enter your question" in html
    assert not Challenge.objects.exists()


def test_an_administrator_neither_sees_the_form_nor_raises_a_challenge(client, action, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert reverse("challenge_raise_action", args=[action.pk]) not in page
    url = reverse("challenge_raise_action", args=[action.pk])
    assert client.post(url, {"question": "Why?"}).status_code == 403
    assert not Challenge.objects.exists()


def test_member_raises_a_challenge_on_a_recommendation(client, scrutiny):
    recommendation = factories.RecommendationFactory()
    client.force_login(scrutiny)
    url = reverse("challenge_raise_recommendation", args=[recommendation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"question": "When will this be done?"})
    assert response.status_code == 302
    assert Challenge.objects.get().recommendation == recommendation


@pytest.mark.parametrize("role", [roles.OFFICER, roles.PLAN_MANAGER, roles.AUDITOR])
def test_only_scrutiny_members_raise_challenges(client, action, role):
    client.force_login(factories.UserFactory(roles=[role]))
    url = reverse("challenge_raise_action", args=[action.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"question": "Why?"}).status_code == 403
    assert not Challenge.objects.exists()


def test_the_member_sees_their_challenges_and_the_answers_not_others(
    client, action, lead, scrutiny
):
    mine = challenge_raise(raised_by=scrutiny, action=action, question="My question")
    challenge_answer(challenge=mine, answered_by=lead, answer="Our answer")
    other = factories.UserFactory(roles=[roles.SCRUTINY])
    challenge_raise(raised_by=other, action=action, question="Someone else's question")
    client.force_login(scrutiny)
    html = client.get(reverse("challenge_list")).content.decode()
    assert "Your challenges" in html
    assert "My question" in html and "Our answer" in html and "Lena Lead" in html
    assert "Someone else" not in html
    assert reverse("challenge_close", args=[mine.pk]) in html


def test_plan_managers_see_every_challenge(client, action, scrutiny, manager):
    challenge_raise(raised_by=scrutiny, action=action, question="First question")
    challenge_raise(
        raised_by=factories.UserFactory(roles=[roles.SCRUTINY]),
        recommendation=factories.RecommendationFactory(),
        question="Second question",
    )
    client.force_login(manager)
    html = client.get(reverse("challenge_list")).content.decode()
    assert "First question" in html and "Second question" in html
    assert "Close this challenge" not in html


def test_the_list_filters_by_state(client, action, scrutiny, lead):
    answered = challenge_raise(raised_by=scrutiny, action=action, question="Answered one")
    challenge_answer(challenge=answered, answered_by=lead, answer="Yes")
    challenge_raise(raised_by=scrutiny, action=action, question="Open one")
    client.force_login(scrutiny)
    html = client.get(reverse("challenge_list"), {"state": "answered"}).content.decode()
    assert "Answered one" in html and "Open one" not in html


def test_member_closes_their_challenge(client, action, scrutiny):
    challenge = challenge_raise(raised_by=scrutiny, action=action, question="Why?")
    client.force_login(scrutiny)
    url = reverse("challenge_close", args=[challenge.pk])
    assert client.get(url).status_code == 405  # state changes only on POST
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("challenge_list")
    challenge.refresh_from_db()
    assert challenge.state == Challenge.State.CLOSED
    assert "The challenge is closed" in client.get(response["Location"]).content.decode()


def test_another_member_cannot_close_it(client, action, scrutiny):
    challenge = challenge_raise(raised_by=scrutiny, action=action, question="Why?")
    client.force_login(factories.UserFactory(roles=[roles.SCRUTINY]))
    assert client.post(reverse("challenge_close", args=[challenge.pk])).status_code == 403
    challenge.refresh_from_db()
    assert challenge.state == Challenge.State.OPEN


def test_challenge_list_runs_the_same_queries_for_few_and_many(client, action, scrutiny, lead):
    client.force_login(scrutiny)

    def page(url):
        assert client.get(url).status_code == 200

    def many():
        recommendation = factories.RecommendationFactory()
        for i in range(20):
            made = challenge_raise(
                raised_by=scrutiny,
                action=action if i % 2 else None,
                recommendation=None if i % 2 else recommendation,
                question=f"Question {i}",
            )
            if i % 3 == 0:
                challenge_answer(challenge=made, answered_by=lead, answer="Answer")

    for _ in range(2):
        challenge_raise(raised_by=scrutiny, action=action, question="Why?")
    assert_flat_queries(page, reverse("challenge_list"), grow=many)
