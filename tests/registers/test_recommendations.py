"""The recommendations register: shareable filters, derived status, fixed query counts, the
detail page, and the plan manager's forms (response, rejection reason, closing). The form's
own messages are tested in tests/recommendations/test_forms.py."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement.models import Challenge
from improvement.status import Status
from recommendations.models import Recommendation
from tests import factories


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def recommendations_with_actions(n: int, *, officer):
    inspection = factories.InspectionFactory()
    made = []
    for i in range(n):
        recommendation = factories.RecommendationFactory(
            inspection=inspection,
            theme=f"Theme {i % 3}",
            responsible_officer=officer,
            response="accepted",
            response_date=dt.date(2026, 2, 1),
        )
        for _ in range(2):
            action = factories.ActionFactory(leads=[officer], recommendations=[recommendation])
            factories.ProgressUpdateFactory(action=action, author=officer)
        factories.ChallengeFactory(action=None, recommendation=recommendation)
        made.append(recommendation)
    return made


def test_list_query_count_does_not_grow(client, manager, officer):
    client.force_login(manager)
    recommendations_with_actions(1, officer=officer)
    url = reverse("recommendation_list")
    small = query_count(client, url)
    filtered = query_count(client, f"{url}?status=in_progress&q=oversight")
    recommendations_with_actions(30, officer=officer)
    assert query_count(client, url) == small
    assert query_count(client, f"{url}?status=in_progress&q=oversight") == filtered


def test_detail_query_count_does_not_grow(client, manager, officer):
    client.force_login(manager)
    (small,) = recommendations_with_actions(1, officer=officer)
    big = factories.RecommendationFactory()
    for _ in range(8):
        action = factories.ActionFactory(leads=[officer], recommendations=[big])
        factories.ProgressUpdateFactory(action=action, author=officer)
        factories.ChallengeFactory(action=None, recommendation=big)
    assert query_count(client, reverse("recommendation_detail", args=[small.pk])) == query_count(
        client, reverse("recommendation_detail", args=[big.pk])
    )


@pytest.fixture
def register(db):
    ofsted = factories.InspectionFactory(title="ILACS")
    panel = factories.InspectionFactory(title="Scrutiny review", kind="scrutiny_review")
    secret = factories.InspectionFactory(title="Monitoring visit", is_confidential=True)
    r1 = factories.RecommendationFactory(
        inspection=ofsted, reference="R1", text="Improve management oversight", theme="Oversight"
    )
    r2 = factories.RecommendationFactory(
        inspection=panel,
        reference="R2",
        text="Publish a care leavers offer",
        theme="Care leavers",
        response="rejected",
        rejection_reason="Already published",
    )
    r3 = factories.RecommendationFactory(
        inspection=panel,
        reference="R3",
        text="Monthly caseload report",
        theme="Workforce",
        response="accepted",
    )
    factories.ActionFactory(recommendations=[r3], declared_status=Status.ON_TRACK)
    r4 = factories.RecommendationFactory(
        inspection=secret, reference="R4", text="Secret one", theme=""
    )
    return {"ofsted": ofsted, "panel": panel, "r1": r1, "r2": r2, "r3": r3, "r4": r4}


def test_filters_live_in_the_url_and_combine(client, manager, register):
    client.force_login(manager)

    def refs(**query):
        response = client.get(reverse("recommendation_list"), query)
        return [r.reference for r in response.context["page_obj"]]

    assert sorted(refs()) == ["R1", "R2", "R3", "R4"]
    assert refs(inspection=register["panel"].pk) == ["R2", "R3"]
    assert refs(response="rejected") == ["R2"]
    assert sorted(refs(response="none")) == ["R1", "R4"]
    assert refs(status="in_progress") == ["R3"]
    assert refs(status="rejected") == ["R2"]
    assert sorted(refs(status="no_actions")) == ["R1", "R4"]
    assert refs(theme="Care leavers") == ["R2"]
    assert refs(q="management oversight") == ["R1"]
    assert refs(q="caseload", inspection=register["panel"].pk) == ["R3"]
    # The page links keep the filters, so a filtered register can be shared.
    response = client.get(reverse("recommendation_list"), {"status": "no_actions"})
    assert response.context["querystring"] == "status=no_actions"


def test_scrutiny_never_sees_confidential_recommendations(client, scrutiny, register):
    client.force_login(scrutiny)
    response = client.get(reverse("recommendation_list"))
    assert "R4" not in [r.reference for r in response.context["page_obj"]]
    assert register["ofsted"] in response.context["form"].fields["inspection"].queryset
    assert client.get(reverse("recommendation_detail", args=[register["r4"].pk])).status_code == 404


def test_detail_shows_response_actions_and_challenges(client, manager, officer, register):
    recommendation = register["r2"]
    recommendation.responsible_officer = officer
    recommendation.response_date = dt.date(2026, 3, 4)
    recommendation.save()
    action = factories.ActionFactory(recommendations=[recommendation], leads=[officer])
    Challenge.objects.create(
        recommendation=recommendation, question="Why was this rejected?", raised_by=officer
    )
    client.force_login(manager)
    page = client.get(reverse("recommendation_detail", args=[recommendation.pk])).content.decode()
    assert "Publish a care leavers offer" in page
    assert "Rejected" in page and "on 4 March 2026" in page
    assert "Already published" in page
    assert "Olu Officer" in page
    assert reverse("action_detail", args=[action.pk]) in page
    assert "Why was this rejected?" in page
    assert reverse("recommendation_edit", args=[recommendation.pk]) in page


FORM = {"reference": "R9", "text": "Strengthen supervision", "theme": "", "response": ""}


def test_manager_records_a_rejection_with_its_reason(client, manager, register, officer):
    client.force_login(manager)
    url = f"{reverse('recommendation_create')}?inspection={register['ofsted'].pk}"
    assert client.get(url).context["form"].initial["inspection"] == register["ofsted"]
    data = {
        **FORM,
        "inspection": register["ofsted"].pk,
        "response": "rejected",
        "rejection_reason": "",
        "response_date_0": "1",
        "response_date_1": "3",
        "response_date_2": "2026",
        "responsible_officer": officer.pk,
    }
    response = client.post(url, data)
    assert '<span id="id_rejection_reason_1_error" class="govuk-error-message">' in (
        response.content.decode()
    )
    assert not Recommendation.objects.filter(reference="R9").exists()

    response = client.post(url, {**data, "rejection_reason": "Covered by the existing audit"})
    saved = Recommendation.objects.get(reference="R9")
    assert response["Location"] == reverse("recommendation_detail", args=[saved.pk])
    assert (saved.response, saved.rejection_reason, saved.response_date) == (
        "rejected",
        "Covered by the existing audit",
        dt.date(2026, 3, 1),
    )
    assert saved.responsible_officer == officer


def test_closing_keeps_the_recommendation_with_its_reason(client, manager, register):
    recommendation = register["r1"]
    client.force_login(manager)
    url = reverse("recommendation_close", args=[recommendation.pk])
    response = client.post(url, {"kind": "withdrawn"})
    assert "Enter why the recommendation is being closed" in response.content.decode()
    client.post(url, {"kind": "withdrawn", "reason": "The panel withdrew it"})
    recommendation.refresh_from_db()
    assert recommendation.closed_at is not None
    assert recommendation.closed_reason == "Withdrawn: The panel withdrew it"
    detail = client.get(reverse("recommendation_detail", args=[recommendation.pk]))
    assert "Withdrawn: The panel withdrew it" in detail.content.decode()
    assert detail.context["recommendation"].derived_status == "closed"
    # Closing twice only says it is already closed.
    assert client.post(url, {"kind": "closed", "reason": "Again"}).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.closed_reason == "Withdrawn: The panel withdrew it"
