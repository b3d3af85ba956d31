"""A scrutiny member challenges a measure; its lead answers; the member closes it."""

import pytest
from django.urls import reverse

from core import roles
from core.models import Notice
from measures.models import MeasureChallenge
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    lead = factories.UserFactory(roles=[roles.OFFICER], email="lead@example.org")
    member = factories.UserFactory(roles=[roles.SCRUTINY], email="member@example.org")
    return lead, member


def test_member_asks_lead_answers_member_closes(client, people):
    lead, member = people
    measure = factories.MeasureFactory(lead_user=lead, reference="CSC02")
    client.force_login(member)
    response = client.post(
        reverse("measure_challenge_raise", args=[measure.pk]), {"question": "Why so many repeats?"}
    )
    assert response.status_code == 302
    challenge = MeasureChallenge.objects.get()
    notice = Notice.objects.get(recipient=lead)
    assert "measure CSC02" in notice.subject
    assert reverse("measure_challenge_answer", args=[challenge.pk]) in notice.body

    client.force_login(lead)
    page = client.get(reverse("measure_detail", args=[measure.pk])).content.decode()
    assert "Why so many repeats?" in page and "Answer this challenge" in page
    client.post(
        reverse("measure_challenge_answer", args=[challenge.pk]), {"answer": "Audit under way."}
    )
    challenge.refresh_from_db()
    assert challenge.state == "answered" and challenge.answered_by == lead
    assert Notice.objects.filter(recipient=member, subject__contains="answered").exists()

    client.force_login(member)
    page = client.get(reverse("measure_detail", args=[measure.pk])).content.decode()
    assert "Audit under way." in page and "Close this challenge" in page
    client.post(reverse("measure_challenge_close", args=[challenge.pk]))
    challenge.refresh_from_db()
    assert challenge.state == "closed"
    assert challenge.history.count() == 3


def test_an_empty_question_is_refused_beside_the_field(client, people):
    _, member = people
    measure = factories.MeasureFactory()
    client.force_login(member)
    page = client.post(reverse("measure_challenge_raise", args=[measure.pk]), {"question": " "})
    assert "Enter your question" in page.content.decode()
    assert not MeasureChallenge.objects.exists()


def test_a_measure_with_no_lead_goes_to_the_plan_managers(client, people):
    _, member = people
    manager = factories.UserFactory(roles=[roles.PLAN_MANAGER])
    measure = factories.MeasureFactory()
    client.force_login(member)
    client.post(reverse("measure_challenge_raise", args=[measure.pk]), {"question": "Why?"})
    assert Notice.objects.filter(recipient=manager).exists()


def test_answering_twice_is_refused(client, people):
    lead, _ = people
    challenge = factories.MeasureChallengeFactory(measure=factories.MeasureFactory(lead_user=lead))
    client.force_login(lead)
    url = reverse("measure_challenge_answer", args=[challenge.pk])
    client.post(url, {"answer": "First"})
    page = client.post(url, {"answer": "Second"}).content.decode()
    assert "already been answered" in page
    challenge.refresh_from_db()
    assert challenge.answer == "First"


def test_a_lead_sees_their_measures_due_on_the_home_page(client, people):
    lead, _ = people
    due = factories.MeasureFactory(lead_user=lead, reference="CSC12", frequency="monthly")
    factories.MeasureFactory(reference="CSC99", frequency="monthly")  # led by no one
    client.force_login(lead)
    page = client.get(reverse("home")).content.decode()
    assert "Figures due for measures you lead" in page
    assert reverse("measure_value_enter", args=[due.pk]) in page
    assert "CSC99" not in page
