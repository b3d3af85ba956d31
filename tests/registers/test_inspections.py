"""The inspections register: filters, the chain on the detail page, the create and edit forms
with judgements, confidentiality, and fixed query counts. The form's own messages are tested
in tests/inspections/test_forms.py."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement.status import Status
from inspections.models import Inspection, Judgement
from tests import factories


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def inspection_with_chain(n: int, *, officer) -> Inspection:
    """An inspection with n judgements and n recommendations, each with n actions and updates."""
    inspection = factories.InspectionFactory()
    for _ in range(n):
        factories.JudgementFactory(inspection=inspection)
        recommendation = factories.RecommendationFactory(inspection=inspection)
        for _ in range(n):
            action = factories.ActionFactory(leads=[officer], recommendations=[recommendation])
            factories.ProgressUpdateFactory(action=action, author=officer)
    return inspection


def test_list_query_count_does_not_grow(client, manager, officer):
    client.force_login(manager)
    inspection_with_chain(1, officer=officer)
    small = query_count(client, reverse("inspection_list"))
    for _ in range(6):
        inspection_with_chain(2, officer=officer)
    assert query_count(client, reverse("inspection_list")) == small


def test_detail_query_count_does_not_grow(client, manager, officer):
    client.force_login(manager)
    small = inspection_with_chain(1, officer=officer)
    large = inspection_with_chain(5, officer=officer)
    assert query_count(client, reverse("inspection_detail", args=[small.pk])) == query_count(
        client, reverse("inspection_detail", args=[large.pk])
    )


def test_list_filters_by_kind_body_year_and_confidentiality(client, manager):
    ofsted = factories.InspectionFactory(title="ILACS 2025", start_date=dt.date(2025, 3, 1))
    panel = factories.InspectionFactory(
        title="Scrutiny review",
        kind=Inspection.Kind.SCRUTINY_REVIEW,
        body="Children's Scrutiny Panel",
        start_date=dt.date(2026, 2, 1),
        published_on=None,
        end_date=None,
    )
    secret = factories.InspectionFactory(
        title="Monitoring visit", kind=Inspection.Kind.MONITORING_VISIT, is_confidential=True
    )
    client.force_login(manager)

    def titles(query):
        response = client.get(reverse("inspection_list"), query)
        return {inspection.title for inspection in response.context["page_obj"]}

    assert titles({}) == {ofsted.title, panel.title, secret.title}
    assert titles({"kind": "scrutiny_review"}) == {panel.title}
    assert titles({"body": "Children's Scrutiny Panel"}) == {panel.title}
    assert titles({"year": "2025"}) == {ofsted.title}
    assert titles({"confidential": "yes"}) == {secret.title}
    assert titles({"confidential": "no", "kind": "ilacs_standard"}) == {ofsted.title}


def test_scrutiny_never_sees_confidential_inspections(client, scrutiny):
    public = factories.InspectionFactory(title="Published inspection")
    secret = factories.InspectionFactory(title="Unpublished visit", is_confidential=True)
    client.force_login(scrutiny)
    response = client.get(reverse("inspection_list"), {"confidential": "yes"})
    page = response.content.decode()
    assert "Published inspection" in page and "Unpublished visit" not in page
    assert "confidential" not in response.context["form"].fields
    assert client.get(reverse("inspection_detail", args=[secret.pk])).status_code == 404
    assert client.get(reverse("inspection_detail", args=[public.pk])).status_code == 200


def test_detail_shows_judgements_in_words_and_the_chain_to_updates(
    client, manager, officer, fixed_today
):
    fixed_today(dt.date(2026, 3, 2))
    inspection = factories.InspectionFactory(published_on=dt.date(2026, 1, 5))
    area = factories.JudgementAreaFactory(name="overall effectiveness")
    factories.JudgementFactory(inspection=inspection, area=area, grade=Judgement.Grade.INADEQUATE)
    recommendation = factories.RecommendationFactory(inspection=inspection, reference="R3")
    action = factories.ActionFactory(recommendations=[recommendation], leads=[officer])
    factories.ProgressUpdateFactory(
        action=action, author=officer, narrative="Audit of 40 cases done", status=Status.AT_RISK
    )
    factories.RecommendationFactory(inspection=inspection, reference="R4")  # no actions
    plan = factories.PlanFactory(title="Answering plan", approved_on=dt.date(2026, 2, 1))
    plan.inspections.add(inspection)

    client.force_login(manager)
    page = client.get(reverse("inspection_detail", args=[inspection.pk])).content.decode()
    assert "Overall effectiveness" in page and "Inadequate" in page
    assert inspection.plan_due_date.strftime("%-d %B %Y") in page
    assert "Answering plan" in page and "Approved 1 Feb 2026" in page
    assert reverse("recommendation_detail", args=[recommendation.pk]) in page
    assert reverse("action_detail", args=[action.pk]) in page
    assert "Audit of 40 cases done" in page
    assert "In progress" in page and "No actions yet" in page


def test_manager_records_an_inspection_with_judgements(client, manager):
    leaders = factories.JudgementAreaFactory(name="impact of leaders", order=1)
    care = factories.JudgementAreaFactory(name="children in care", order=2)
    factories.JudgementAreaFactory(name="retired area", order=3, is_active=False)
    client.force_login(manager)
    form_page = client.get(reverse("inspection_create"))
    areas = [form.initial["area"] for form in form_page.context["judgements"]]
    assert leaders in areas and care in areas
    assert all(area.is_active for area in areas)

    response = client.post(
        reverse("inspection_create"),
        {
            "kind": "ilacs_standard",
            "title": "ILACS 2026",
            "body": "Ofsted",
            "start_date_0": "12",
            "start_date_1": "1",
            "start_date_2": "2026",
            "published_on_0": "20",
            "published_on_1": "2",
            "published_on_2": "2026",
            "judgements-TOTAL_FORMS": "2",
            "judgements-INITIAL_FORMS": "2",
            "judgements-0-area": leaders.pk,
            "judgements-0-grade": "4",
            "judgements-1-area": care.pk,
            "judgements-1-grade": "",
        },
    )
    inspection = Inspection.objects.get(title="ILACS 2026")
    assert response["Location"] == reverse("inspection_detail", args=[inspection.pk])
    assert [(j.area, j.grade) for j in inspection.judgements.all()] == [
        (leaders, Judgement.Grade.INADEQUATE)
    ]

    # Editing: a grade can be changed, added and taken away.
    client.post(
        reverse("inspection_edit", args=[inspection.pk]),
        {
            "version": inspection.version,
            "kind": "ilacs_standard",
            "title": "ILACS 2026",
            "body": "Ofsted",
            "start_date_0": "12",
            "start_date_1": "1",
            "start_date_2": "2026",
            "judgements-TOTAL_FORMS": "2",
            "judgements-INITIAL_FORMS": "2",
            "judgements-0-area": leaders.pk,
            "judgements-0-grade": "",
            "judgements-1-area": care.pk,
            "judgements-1-grade": "2",
        },
    )
    assert [(j.area, j.grade) for j in inspection.judgements.all()] == [
        (care, Judgement.Grade.GOOD)
    ]


def test_errors_show_beside_the_field_and_nothing_is_saved(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("inspection_create"),
        {
            "kind": "",
            "title": "Kept title",
            "judgements-TOTAL_FORMS": "0",
            "judgements-INITIAL_FORMS": "0",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<span id="id_kind_1_error" class="govuk-error-message">' in page
    assert 'value="Kept title"' in page
    assert not Inspection.objects.exists()
