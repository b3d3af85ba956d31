"""Only active council officers are offered, and accepted, as action leads and as a
recommendation's responsible officer; councillors and people without a role are not."""

import pytest
from django.urls import reverse

from improvement.forms.actions import NOT_AN_OFFICER, ActionEditForm, ActionForm
from improvement.models import Action
from recommendations.forms import RecommendationForm
from tests import factories


@pytest.fixture
def people(officer, manager, scrutiny, auditor):
    return {
        "officer": officer,
        "manager": manager,
        "scrutiny": scrutiny,
        "auditor": auditor,
        "no role": factories.UserFactory(full_name="Rita Noroles"),
        "left": factories.UserFactory(full_name="Gone Officer", roles=["Officer"], is_active=False),
        "councillor officer": factories.UserFactory(roles=["Officer", "Scrutiny member"]),
    }


def test_action_leads_offer_only_active_officers(people):
    plan = factories.PlanFactory()
    choices = set(ActionForm(plan=plan).fields["lead_officers"].queryset)
    assert choices == {people["officer"], people["manager"]}


def test_responsible_officers_offer_only_active_officers(people):
    choices = set(RecommendationForm().fields["responsible_officer"].queryset)
    assert choices == {people["officer"], people["manager"]}


def test_lead_picker_is_a_select_that_works_without_javascript(people):
    html = str(ActionForm(plan=factories.PlanFactory())["lead_officers"])
    assert html.startswith("<select") and "multiple" in html
    assert 'data-module="app-user-picker"' in html
    assert people["scrutiny"].full_name not in html
    assert people["officer"].full_name in html


def test_someone_already_leading_stays_choosable_when_editing(people):
    action = factories.ActionFactory()
    action.lead_officers.set([people["auditor"]])
    form = ActionEditForm(instance=action, plan=action.priority.plan)
    assert people["auditor"] in form.fields["lead_officers"].queryset
    assert people["scrutiny"] not in form.fields["lead_officers"].queryset


def test_posting_a_scrutiny_members_id_as_lead_is_refused(client, people):
    priority = factories.PriorityFactory()
    client.force_login(people["manager"])
    response = client.post(
        reverse("action_create", args=[priority.pk]),
        {"description": "Audit case files", "lead_officers": [people["scrutiny"].pk]},
    )
    assert response.status_code == 200
    assert NOT_AN_OFFICER in response.content.decode()
    assert not Action.objects.filter(description="Audit case files").exists()


def test_posting_an_officer_from_the_plain_select_saves_the_lead(client, people):
    priority = factories.PriorityFactory()
    client.force_login(people["manager"])
    response = client.post(
        reverse("action_create", args=[priority.pk]),
        {"description": "Audit case files", "lead_officers": [people["officer"].pk]},
    )
    assert response.status_code == 302
    action = Action.objects.get(description="Audit case files")
    assert list(action.lead_officers.all()) == [people["officer"]]


def test_a_councillor_cannot_be_named_responsible_officer(people):
    form = RecommendationForm(
        data={
            "inspection": factories.InspectionFactory().pk,
            "reference": "R1",
            "text": "Improve supervision",
            "responsible_officer": people["scrutiny"].pk,
        }
    )
    assert not form.is_valid()
    assert form.errors["responsible_officer"] == [
        "Select the responsible officer from the list: only active council officers can be named"
    ]
