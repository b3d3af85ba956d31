"""A challenge raised while its subject was public, whose subject then became confidential:
the member who asked is no longer told what it was about, by page, count or e-mail.

The attack: a scrutiny member asks about a public action; the inspection behind it is then
marked confidential; the lead answers; the answer (and the unpublished action) used to be
e-mailed to the member, and the home page counted it among their answered questions.
"""

import pytest
from django.core import mail
from django.urls import reverse

from core import notify, roles
from core.models import Notice
from improvement.models import Challenge
from improvement.services.challenges import challenge_answer, challenge_raise
from tests import factories

SECRET_ANSWER = "Answer Axolotl: the unpublished findings say"


@pytest.fixture
def inspection(db):
    return factories.InspectionFactory(title="Monitoring visit", is_confidential=False)


@pytest.fixture
def recommendation(inspection):
    return factories.RecommendationFactory(inspection=inspection, reference="R4")


@pytest.fixture
def action(recommendation, officer):
    return factories.ActionFactory(
        leads=[officer], description="Action Tapir", recommendations=[recommendation]
    )


def make_confidential(inspection):
    inspection.is_confidential = True
    inspection.save()


@pytest.fixture
def asked(action, scrutiny):
    """A question asked while the action was public."""
    return challenge_raise(raised_by=scrutiny, action=action, question="Question Okapi?")


def test_the_answer_to_a_challenge_made_confidential_is_not_emailed_to_the_member(
    client, asked, inspection, officer, scrutiny, django_capture_on_commit_callbacks
):
    make_confidential(inspection)
    client.force_login(officer)
    url = reverse("challenge_answer", args=[asked.pk])
    page = client.get(url).content.decode()
    assert "The member who asked can no longer see this action" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer": SECRET_ANSWER})
    assert response.status_code == 302  # the lead may still answer; it is kept on the action
    asked.refresh_from_db()
    assert (asked.state, asked.answer) == (Challenge.State.ANSWERED, SECRET_ANSWER)
    to_member = [m for m in mail.outbox if m.to == [scrutiny.email]]
    assert len(to_member) == 1  # a neutral note, nothing of what it was about
    note = to_member[0]
    assert note.subject.endswith("A question you asked can no longer be shown")
    for secret in ("Axolotl", "Okapi", "Tapir", "R4", asked.action.reference, "Monitoring"):
        assert secret not in note.subject + note.body
    assert asked.action.get_absolute_url() not in note.body


def test_the_answer_on_a_recommendation_made_confidential_is_not_emailed_either(
    recommendation, inspection, manager, scrutiny, django_capture_on_commit_callbacks
):
    asked = challenge_raise(
        raised_by=scrutiny, recommendation=recommendation, question="Question Okapi?"
    )
    make_confidential(inspection)
    with django_capture_on_commit_callbacks(execute=True):
        challenge_answer(challenge=asked, answered_by=manager, answer=SECRET_ANSWER)
    (note,) = [m for m in mail.outbox if m.to == [scrutiny.email]]
    assert "Axolotl" not in note.body and "Okapi" not in note.body and "R4" not in note.body


def test_an_answer_still_public_is_emailed_with_its_text(
    asked, officer, scrutiny, django_capture_on_commit_callbacks
):
    """The control: the same answer, the action still public, reaches the member in full."""
    with django_capture_on_commit_callbacks(execute=True):
        challenge_answer(challenge=asked, answered_by=officer, answer=SECRET_ANSWER)
    (sent,) = mail.outbox
    assert sent.to == [scrutiny.email] and SECRET_ANSWER in sent.body


def test_an_answer_waiting_in_the_outbox_is_withheld_if_the_subject_becomes_confidential(
    asked, inspection, officer, scrutiny
):
    challenge_answer(challenge=asked, answered_by=officer, answer=SECRET_ANSWER)
    waiting = Notice.objects.get(recipient=scrutiny)  # not yet sent (mail down, say)
    make_confidential(inspection)
    assert notify.send_due(everything=True)["withheld"] == 1
    waiting.refresh_from_db()
    assert waiting.state == Notice.State.WITHHELD
    assert [m.to for m in mail.outbox] == [[officer.email]]  # the question, to the lead


def test_the_question_to_the_leads_is_withheld_from_a_lead_who_may_not_see_it(
    action, scrutiny, officer
):
    """Every notice about a challenge goes through the same rule, whoever receives it."""
    officer.groups.clear()  # no longer an officer: may see nothing
    officer._role_names = set()
    challenge_raise(raised_by=scrutiny, action=action, question="Question Okapi?")
    assert not Notice.objects.filter(recipient=officer).exists()


def test_home_counts_only_answered_questions_the_member_may_still_see(
    client, action, inspection, officer, scrutiny, fixed_today
):
    other = factories.ActionFactory(leads=[officer])  # public, from no inspection
    for subject in (action, other):
        made = challenge_raise(raised_by=scrutiny, action=subject, question="Why?")
        challenge_answer(challenge=made, answered_by=officer, answer="Because.")
    client.force_login(scrutiny)
    assert "2 of your questions have been answered" in client.get(reverse("home")).content.decode()

    make_confidential(inspection)
    home = client.get(reverse("home")).content.decode()
    assert "1 of your questions has been answered" in home
    listed = client.get(reverse("challenge_list"), {"state": "answered"}).context["challenges"]
    assert [challenge.action for challenge in listed] == [other]


def test_a_challenge_made_confidential_is_closed_to_the_member_who_raised_it(
    client, asked, inspection, officer, scrutiny
):
    challenge_answer(challenge=asked, answered_by=officer, answer=SECRET_ANSWER)
    make_confidential(inspection)
    client.force_login(scrutiny)
    listing = client.get(reverse("challenge_list")).content.decode()
    assert "Okapi" not in listing and "Axolotl" not in listing
    assert "A question that can no longer be shown to you is not listed" in listing
    assert client.post(reverse("challenge_close", args=[asked.pk])).status_code == 404
    asked.refresh_from_db()
    assert asked.state == Challenge.State.ANSWERED


def test_an_auditor_still_sees_and_counts_it(client, asked, inspection, officer):
    """The rule hides it from scrutiny only: those who may read confidential items keep it."""
    challenge_answer(challenge=asked, answered_by=officer, answer=SECRET_ANSWER)
    make_confidential(inspection)
    auditor = factories.UserFactory(roles=[roles.AUDITOR])
    client.force_login(auditor)
    assert "Axolotl" in client.get(reverse("challenge_list")).content.decode()
