"""The sign-off pages: putting a version to sign-off, the approver's decision form, the
versions list (flat queries), confidential actions in a frozen version, the home section,
and the inspection page's "Plan approved on ... (version N)"."""

import datetime as dt

import pytest
from django.urls import reverse

from core import roles
from improvement.models import PlanVersion
from improvement.services import sign_off as services
from tests import factories
from tests.queries import assert_flat_queries


@pytest.fixture
def director(db):
    return factories.UserFactory(full_name="Dana Director", roles=[roles.PLAN_MANAGER])


@pytest.fixture
def plan(db):
    return factories.ActionFactory(description="Audit every referral").priority.plan


def _submit(plan, manager, *approvers, title="Version for cabinet"):
    return services.version_submit(
        plan=plan, title=title, approvers=list(approvers), submitted_by=manager
    )


def test_a_manager_puts_the_plan_to_sign_off_from_the_form(client, manager, director, plan):
    client.force_login(manager)
    url = reverse("plan_version_create", args=[plan.pk])
    response = client.post(url, {"title": "", "approvers": []})
    page = response.content.decode()
    assert "Enter a title for the version" in page
    assert "Select at least one approver" in page

    response = client.post(url, {"title": "Version 1 for cabinet", "approvers": [director.pk]})
    version = PlanVersion.objects.get(plan=plan)
    assert response.status_code == 302
    assert response["Location"] == version.get_absolute_url()
    assert list(version.sign_offs.values_list("approver", flat=True)) == [director.pk]

    again = client.get(url).content.decode()
    assert "is awaiting sign-off" in again


def test_the_approver_returns_with_a_reason_or_approves(client, manager, director, plan):
    version = _submit(plan, manager, director)
    client.force_login(director)
    home = client.get(reverse("home")).content.decode()
    assert "Waiting for your sign-off" in home
    assert version.title in home

    url = reverse("plan_version_decide", args=[version.pk])
    page = client.post(url, {"decision": "return", "reason": ""}).content.decode()
    assert "Enter why you are returning the version" in page
    response = client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.state == PlanVersion.State.APPROVED
    assert "Waiting for your sign-off" not in client.get(reverse("home")).content.decode()
    # Decided: the form is no longer theirs.
    assert client.get(url).status_code == 403
    detail = client.get(version.get_absolute_url()).content.decode()
    assert "as approved on" in detail


def test_the_home_section_is_only_for_those_who_owe_a_decision(client, manager, director, plan):
    _submit(plan, manager, director)
    client.force_login(manager)
    assert "Waiting for your sign-off" not in client.get(reverse("home")).content.decode()


def test_scrutiny_members_do_not_see_confidential_actions_in_a_version(
    client, manager, director, scrutiny
):
    public = factories.InspectionFactory()
    secret = factories.InspectionFactory(is_confidential=True)
    open_action = factories.ActionFactory(
        description="Open action",
        recommendations=[factories.RecommendationFactory(inspection=public)],
    )
    factories.ActionFactory(
        priority=open_action.priority,
        description="Restricted action",
        recommendations=[factories.RecommendationFactory(inspection=secret)],
    )
    version = _submit(open_action.priority.plan, manager, director)
    client.force_login(scrutiny)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Open action" in page
    assert "Restricted action" not in page
    client.force_login(manager)
    assert "Restricted action" in client.get(version.get_absolute_url()).content.decode()


def test_the_versions_list_runs_flat_queries(client, manager, director, plan):
    client.force_login(manager)
    url = reverse("plan_versions", args=[plan.pk])

    def decided(n):
        for i in range(n):
            person = factories.UserFactory(roles=[roles.AUDITOR])
            version = _submit(plan, manager, director, person, title=f"Version {i}")
            services.version_decide(version=version, approver=person, approve=False, reason="No")

    decided(1)
    response = assert_flat_queries(
        lambda _: client.get(url), None, grow=lambda: decided(20), warm=True
    )
    page = response.content.decode()
    assert "Version 19" in page
    assert "Returned" in page


def test_the_inspection_shows_the_approved_version(client, manager, director, fixed_today):
    fixed_today(dt.date(2026, 6, 15))
    inspection = factories.InspectionFactory()
    plan = factories.ActionFactory().priority.plan
    plan.inspections.add(inspection)
    older = factories.PlanFactory(approved_on=dt.date(2025, 1, 10))
    older.inspections.add(inspection)
    version = _submit(plan, manager, director)
    services.version_decide(version=version, approver=director, approve=True)
    client.force_login(manager)
    page = client.get(reverse("inspection_detail", args=[inspection.pk])).content.decode()
    assert "Plan approved on 15 June 2026 (version 1)" in page
    assert version.get_absolute_url() in page
    assert "Plan approved on 10 January 2025 (recorded before sign-off" in page
