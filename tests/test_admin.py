"""Django admin: every page opens, people can be managed, append-only records stay so."""

from datetime import date, timedelta
from itertools import count

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation, Team, User
from improvement.models import (
    Action,
    Challenge,
    DateChangeRequest,
    Evidence,
    Plan,
    PlanVersion,
    Priority,
    ProgressUpdate,
    SignOff,
    TargetDateChange,
)
from inspections.models import Inspection, Judgement, JudgementArea
from recommendations.models import Recommendation
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db

OUR_APPS = {"accounts", "inspections", "recommendations", "improvement"}
READ_ONLY_MODELS = (
    ProgressUpdate,
    Evidence,
    TargetDateChange,
    DateChangeRequest,
    PlanVersion,
    SignOff,
)
NO_DELETE_MODELS = (Inspection, Recommendation, Plan, Priority, Action)

_serial = count(1)


def _n() -> int:
    return next(_serial)


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser():
    return User.objects.create_superuser(
        email="it.admin@example.gov.uk", password="not-a-real-pass-9", full_name="Ida Admin"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


# Objects built directly with the ORM so this file does not depend on tests/factories.py.


def make_team() -> Team:
    organisation = Organisation.objects.create(name=f"Organisation {_n()}")
    return Team.objects.create(organisation=organisation, name=f"Team {_n()}")


def make_user(team: Team | None = None) -> User:
    n = _n()
    user = User.objects.create_user(
        email=f"person{n}@example.gov.uk", full_name=f"Person {n}", job_title="Team manager"
    )
    if team:
        user.organisation = team.organisation
        user.save()
        user.teams.add(team)
        user.groups.add(Group.objects.get(name="Officer"))
    return user


def make_inspection(**fields) -> Inspection:
    defaults = {
        "kind": Inspection.Kind.ILACS_STANDARD,
        "title": f"ILACS inspection {_n()}",
        "body": "Ofsted",
        "start_date": date(2024, 3, 4),
        "published_on": date(2024, 4, 19),
    }
    return Inspection.objects.create(**(defaults | fields))


def make_recommendation(inspection: Inspection | None = None) -> Recommendation:
    return Recommendation.objects.create(
        inspection=inspection or make_inspection(),
        reference=f"R{_n()}",
        text="Improve the timeliness of initial child protection conferences.",
        theme="Child protection",
        response=Recommendation.Response.ACCEPTED,
        response_date=date(2024, 5, 1),
        responsible_officer=make_user(),
    )


def make_priority() -> Priority:
    plan = Plan.objects.create(
        title=f"Children's Services Improvement Plan {_n()}", start_date=date(2024, 6, 1)
    )
    return Priority.objects.create(plan=plan, number=1, title="Timely response to enquiries")


def make_action(priority: Priority | None = None, order: int | None = None) -> Action:
    priority = priority or make_priority()
    team = make_team()
    action = Action.objects.create(
        priority=priority,
        order=order or _n(),
        description="Audit every strategy discussion held out of hours.",
        lead_team=team,
        lead_names="Named Nurse",
        original_target_date=date(2025, 3, 31),
        target_date=date(2025, 3, 31),
    )
    action.lead_officers.add(make_user(team))
    action.recommendations.add(make_recommendation())
    return action


def make_update(action: Action | None = None) -> ProgressUpdate:
    action = action or make_action()
    return ProgressUpdate.objects.create(
        action=action,
        author=make_user(),
        author_name="Person",
        narrative="Audit begun.",
        status="on_track",
        percent_complete=20,
    )


def make_evidence() -> Evidence:
    return Evidence.objects.create(
        update=make_update(), link="https://example.gov.uk/audit.pdf", uploaded_by=make_user()
    )


def make_date_change() -> TargetDateChange:
    return TargetDateChange.objects.create(
        action=make_action(),
        old_date=date(2025, 3, 31),
        new_date=date(2025, 6, 30),
        reason="Waiting for the new case management system.",
        changed_by=make_user(),
        changed_by_name="Person",
    )


def make_date_request() -> DateChangeRequest:
    return DateChangeRequest.objects.create(
        action=make_action(),
        requested_by=make_user(),
        new_date=date(2025, 6, 30),
        reason="Recruitment delayed.",
    )


def make_challenge() -> Challenge:
    return Challenge.objects.create(
        action=make_action(), raised_by=make_user(), question="Why has this slipped?"
    )


def make_judgement() -> Judgement:
    return Judgement.objects.create(
        inspection=make_inspection(),
        area=JudgementArea.objects.order_by("order").first(),
        grade=Judgement.Grade.REQUIRES_IMPROVEMENT,
    )


def make_plan_version() -> PlanVersion:
    """A version put to sign-off through its one writer, with a plan manager approving."""
    from improvement.services.sign_off import version_submit

    plan = make_priority().plan
    approver = make_user()
    approver.groups.add(Group.objects.get(name="Plan manager"))
    manager = make_user()
    manager.groups.add(Group.objects.get(name="Plan manager"))
    return version_submit(
        plan=plan, title="Version for cabinet", approvers=[approver], submitted_by=manager
    )


BUILDERS = {
    Organisation: lambda: make_team().organisation,
    Team: make_team,
    User: lambda: make_user(make_team()),
    Inspection: lambda: make_judgement().inspection,
    JudgementArea: lambda: JudgementArea.objects.create(name=f"New area {_n()}", order=9),
    Recommendation: make_recommendation,
    Plan: lambda: make_priority().plan,
    Priority: make_priority,
    Action: make_action,
    ProgressUpdate: make_update,
    Evidence: make_evidence,
    TargetDateChange: make_date_change,
    DateChangeRequest: make_date_request,
    Challenge: make_challenge,
    PlanVersion: make_plan_version,
    SignOff: lambda: make_plan_version().sign_offs.get(),
}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def test_every_registered_model_has_a_builder_here():
    """A newly registered model must be added to BUILDERS so the tests below cover it."""
    ours = {model for model in REGISTERED if model._meta.app_label in OUR_APPS}
    assert ours == set(BUILDERS)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_add_and_change_pages_open(admin_client, model):
    obj = BUILDERS[model]() if model in BUILDERS else model.objects.first()

    assert admin_client.get(url(model, "changelist")).status_code == 200
    assert admin_client.get(url(model, "changelist"), {"q": "a"}).status_code == 200

    # Pages that refuse to add (append-only records, axes' logs) answer 403 instead.
    request = admin_client.get(url(model, "changelist")).wsgi_request
    can_add = admin.site._registry[model].has_add_permission(request)
    assert can_add == (model not in (*READ_ONLY_MODELS, Challenge)) or model not in BUILDERS
    assert admin_client.get(url(model, "add")).status_code == (200 if can_add else 403)

    if obj is not None:
        assert admin_client.get(url(model, "change", obj.pk)).status_code == 200
        if hasattr(model, "history"):
            assert admin_client.get(url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_domain_models_use_simple_history_admin(model):
    from simple_history.admin import SimpleHistoryAdmin

    if hasattr(model, "history"):
        assert isinstance(admin.site._registry[model], SimpleHistoryAdmin)


def test_site_names_the_tracker():
    assert admin.site.site_header == "Improvement plan tracker administration"


def test_admin_creates_a_user_then_gives_them_a_team_and_a_role(admin_client):
    team = make_team()
    officer = Group.objects.get(name="Officer")

    response = admin_client.post(
        url(User, "add"),
        {
            "email": "New.Lead@Example.gov.uk",
            "full_name": "New Lead",
            "_continue": "1",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="new.lead@example.gov.uk")
    assert user.full_name == "New Lead"
    assert not user.has_usable_password()  # they choose it from the invitation
    assert not user.is_staff

    change_url = url(User, "change", user.pk)
    page = admin_client.get(change_url)
    assert page.status_code == 200
    assert b"Roles" in page.content

    response = admin_client.post(
        change_url,
        {
            "email": user.email,
            "full_name": "New Lead",
            "job_title": "Service manager",
            "organisation": team.organisation.pk,
            "teams": [team.pk],
            "groups": [officer.pk],
            "is_active": "on",
            "wants_reminders": "on",
            "notice_delivery": "at_once",
            "_save": "1",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert list(user.groups.all()) == [officer]
    assert list(user.teams.all()) == [team]
    assert user.organisation == team.organisation
    assert user.job_title == "Service manager"
    assert user.history.count() >= 2


def test_user_email_must_be_unique_ignoring_case(admin_client):
    existing = make_user()
    response = admin_client.post(
        url(User, "add"),
        {
            "email": existing.email.upper(),
            "full_name": "Someone Else",
        },
    )
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert User.objects.filter(email__iexact=existing.email).count() == 1


def test_deactivate_selected_users(admin_client):
    people = [make_user(), make_user()]
    response = admin_client.post(
        url(User, "changelist"),
        {"action": "deactivate", "_selected_action": [person.pk for person in people]},
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[p.pk for p in people], is_active=True).exists()
    assert User.objects.filter(pk__in=[p.pk for p in people]).count() == 2


def test_user_changelist_shows_roles(admin_client):
    make_user(make_team())
    response = admin_client.get(url(User, "changelist"))
    assert b"Officer" in response.content


@pytest.mark.parametrize("model", READ_ONLY_MODELS, ids=lambda model: model._meta.label)
def test_append_only_records_cannot_be_added_changed_or_deleted(admin_client, model):
    obj = BUILDERS[model]()
    before = model.objects.count()
    model_admin = admin.site._registry[model]
    request = admin_client.get(url(model, "changelist")).wsgi_request

    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, obj)
    assert not model_admin.has_delete_permission(request, obj)
    assert admin_client.get(url(model, "add")).status_code == 403
    assert admin_client.post(url(model, "add"), {}).status_code == 403
    assert admin_client.post(url(model, "change", obj.pk), {}).status_code == 403
    assert admin_client.get(url(model, "delete", obj.pk)).status_code == 403
    assert admin_client.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    # View only: the record and its history can still be read.
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200
    assert model.objects.count() == before


@pytest.mark.parametrize("model", NO_DELETE_MODELS, ids=lambda model: model._meta.label)
def test_domain_records_cannot_be_deleted(admin_client, model):
    obj = BUILDERS[model]()
    assert admin_client.get(url(model, "delete", obj.pk)).status_code == 403
    assert admin_client.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    changelist = admin_client.get(url(model, "changelist"))
    action_form = changelist.context["action_form"]  # None when no bulk action is left
    assert action_form is None or "delete_selected" not in dict(
        action_form.fields["action"].choices
    )
    change_page = admin_client.get(url(model, "change", obj.pk))
    assert url(model, "delete", obj.pk).encode() not in change_page.content
    assert model.objects.filter(pk=obj.pk).exists()


def test_action_admin_keeps_service_fields_read_only(admin_client):
    action = make_action()
    model_admin = admin.site._registry[Action]
    request = admin_client.get(url(Action, "changelist")).wsgi_request
    read_only = set(model_admin.get_readonly_fields(request, action))
    assert {
        "declared_status",
        "percent_complete",
        "last_update_at",
        "completed_on",
        "verified_by",
        "verified_at",
        "version",
        "created_at",
        "updated_at",
        "target_date",
    } <= read_only
    form = admin_client.get(url(Action, "change", action.pk)).context["adminform"].form
    assert "declared_status" not in form.fields
    assert "target_date" not in form.fields


def test_editing_an_action_in_admin_bumps_its_version(admin_client):
    action = make_action()
    response = admin_client.post(
        url(Action, "change", action.pk),
        {
            "priority": action.priority.pk,
            "order": action.order,
            "description": "Audit every strategy discussion, in and out of hours.",
            "lead_officers": [user.pk for user in action.lead_officers.all()],
            "recommendations": [rec.pk for rec in action.recommendations.all()],
            "lead_team": action.lead_team.pk,
            "lead_names": action.lead_names,
            "_save": "1",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    action.refresh_from_db()
    assert action.version == 2
    assert action.target_date == date(2025, 3, 31)
    assert action.description.startswith("Audit every strategy discussion, in and out")


def test_challenge_closing_in_admin_records_when(admin_client):
    challenge = make_challenge()
    response = admin_client.post(
        url(Challenge, "change", challenge.pk), {"state": "closed", "_save": "1"}
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == "closed"
    assert challenge.closed_at is not None
    assert challenge.question == "Why has this slipped?"


def _page_reader(client):
    def read(path):
        assert client.get(path).status_code == 200

    return read


def _bulk(model, n):
    if model is Action:
        priority = make_priority()
        return [make_action(priority, order) for order in range(1, n + 1)]
    if model is ProgressUpdate:
        action = make_action()
        return [make_update(action) for _ in range(n)]
    return [BUILDERS[model]() for _ in range(n)]


@pytest.mark.parametrize(
    "model",
    [
        Action,
        User,
        Team,
        Organisation,
        Recommendation,
        Inspection,
        Plan,
        Priority,
        ProgressUpdate,
        Evidence,
        TargetDateChange,
        DateChangeRequest,
        Challenge,
    ],
    ids=lambda model: model._meta.label,
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    """N+1 guard: 3 rows then 30 rows cost the same number of queries."""
    path = url(model, "changelist")
    _bulk(model, 3)
    # Related-object filters list one row per team, plan..., but in one query each.
    assert_flat_queries(_page_reader(admin_client), path, grow=lambda: _bulk(model, 27))


def test_plan_due_date_shows_in_the_inspection_list(admin_client):
    inspection = make_inspection(published_on=timezone.localdate() - timedelta(days=7))
    response = admin_client.get(url(Inspection, "changelist"))
    assert inspection.plan_due_date is not None
    assert response.status_code == 200
