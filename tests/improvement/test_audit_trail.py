"""The audit trail: every change of every kind, with actor, address and diff; read-only."""

import csv
import datetime as dt
import io
from contextlib import contextmanager

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from accounts.models import Organisation, User
from audit.history import TRIGGER_NAME
from audit.models import SignInEvent
from audit.selectors import (
    AuditFilters,
    audit_page,
    audit_rows,
    sources,
)
from core import roles
from improvement.models import Action, Plan
from improvement.selectors.history import action_scopes
from inspections.models import Judgement
from tests import factories
from tests.test_url_permissions import url_for, world  # noqa: F401 - world is a fixture
from tests.url_table import ROWS
from tests.url_tables import audit as audit_urls

IP = "203.0.113.7"
pytestmark = pytest.mark.django_db


@contextmanager
def signed_in_request(user, ip=IP):
    """What HistoryRequestMiddleware does for a request: the actor and address are known."""
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    request.user = user
    HistoricalRecords.context.request = request
    try:
        yield request
    finally:
        del HistoricalRecords.context.request


def entries(viewer, **filters):
    return audit_page(audit_rows(AuditFilters(**filters)), viewer).entries


def changes_of(entry) -> dict[str, tuple[str, str]]:
    return {change.field: (change.old, change.new) for change in entry.changes}


# One factory and one field to change per tracked model. A new tracked model must be
# added here, or test_every_tracked_model_is_exercised fails.
MODELS = {
    "accounts.organisation": (factories.OrganisationFactory, "name", "Renamed partner"),
    "accounts.team": (factories.TeamFactory, "name", "Renamed team"),
    "accounts.user": (factories.UserFactory, "full_name", "Renamed Person"),
    "inspections.inspection": (factories.InspectionFactory, "title", "Renamed inspection"),
    "inspections.judgementarea": (factories.JudgementAreaFactory, "name", "Renamed area"),
    "inspections.judgement": (factories.JudgementFactory, "grade", Judgement.Grade.GOOD),
    "recommendations.recommendation": (factories.RecommendationFactory, "text", "New text."),
    "improvement.plan": (factories.PlanFactory, "title", "Renamed plan"),
    "improvement.priority": (factories.PriorityFactory, "title", "Renamed priority"),
    "improvement.action": (factories.ActionFactory, "description", "A clearer action."),
    "improvement.targetdatechange": (factories.TargetDateChangeFactory, "reason", "Why."),
    "improvement.datechangerequest": (factories.DateChangeRequestFactory, "reason", "Why."),
    "improvement.progressupdate": (factories.ProgressUpdateFactory, "narrative", "Better."),
    "improvement.evidence": (factories.EvidenceFactory, "original_name", "minutes.pdf"),
    "improvement.challenge": (factories.ChallengeFactory, "question", "Why so late?"),
}


def test_every_tracked_model_is_exercised():
    assert set(MODELS) == set(sources())


@pytest.mark.parametrize("key", sorted(MODELS))
def test_create_change_and_delete_each_leave_an_entry_with_actor_address_and_diff(key, auditor):
    factory, field, new_value = MODELS[key]
    actor = factories.UserFactory(full_name="Chris Changer", roles=[roles.PLAN_MANAGER])
    with signed_in_request(actor):
        record = factory()
        old_value = getattr(record, field)
        setattr(record, field, new_value)
        record.save()
        pk = record.pk
        record.delete()

    # Newest first. A factory may save twice on creation (the user factory does).
    deleted, changed, *_, created = entries(auditor, record_type=key, record_id=pk)
    assert [created.kind_label, changed.kind_label, deleted.kind_label] == [
        "Created",
        "Changed",
        "Deleted",
    ]
    for entry in (created, changed, deleted):
        assert entry.actor_name == "Chris Changer"
        assert entry.actor_id == actor.pk
        assert entry.ip == IP
        assert entry.record_id == pk
        assert entry.record_url is None  # the record no longer exists
    model_field = type(record)._meta.get_field(field)
    label = str(model_field.verbose_name).capitalize()
    shown = dict(model_field.flatchoices) if model_field.choices else {}

    def display(value):
        return "(none)" if value in (None, "") else str(shown.get(value, value))

    assert changes_of(changed) == {label: (display(old_value), display(new_value))}
    # A creation shows the values the record was created with (the ones not left empty).
    if display(old_value) != "(none)":
        assert changes_of(created)[label][1] == display(old_value)
    assert str(changed.changes[0]) == f"{label}: {display(old_value)} -> {display(new_value)}"


M2M = [
    ("improvement.plan", factories.PlanFactory, "inspections", "Inspections"),
    ("improvement.action", factories.ActionFactory, "recommendations", "Recommendations"),
    ("improvement.action", factories.ActionFactory, "lead_officers", "Lead officers"),
    ("accounts.user", factories.UserFactory, "teams", "Teams"),
    ("accounts.user", factories.UserFactory, "groups", "Roles"),
    ("accounts.user", factories.UserFactory, "user_permissions", "Permissions"),
]
RELATED = {
    "inspections": lambda: factories.InspectionFactory(title="Focused visit"),
    "recommendations": lambda: factories.RecommendationFactory(reference="R9"),
    "lead_officers": lambda: factories.UserFactory(full_name="Lee Lead"),
    "teams": lambda: factories.TeamFactory(name="Front Door"),
    "groups": lambda: Group.objects.get(name=roles.AUDITOR),
    "user_permissions": lambda: Permission.objects.get(codename="verify_action"),
}


@pytest.mark.parametrize(("key", "factory", "field", "label"), M2M, ids=[m[2] for m in M2M])
def test_many_to_many_changes_leave_an_entry_with_actor_and_diff(
    key, factory, field, label, auditor
):
    record = factory()
    related = RELATED[field]()
    actor = factories.UserFactory(full_name="Mo Member", roles=[roles.PLAN_MANAGER])
    with signed_in_request(actor):
        getattr(record, field).add(related)
        getattr(record, field).remove(related)

    removed, added = entries(auditor, record_type=key, record_id=record.pk)[:2]
    name = related.name if field == "user_permissions" else str(related)
    assert changes_of(added) == {label: ("(none)", name)}
    assert changes_of(removed) == {label: (name, "(none)")}
    assert added.actor_name == removed.actor_name == "Mo Member"
    assert added.ip == IP


def test_role_changes_made_from_the_group_side_are_recorded_on_the_person(auditor):
    person = factories.UserFactory(full_name="Pat Person")
    officers = Group.objects.get(name=roles.OFFICER)
    team = factories.TeamFactory(name="Children in Care")
    with signed_in_request(auditor):
        officers.user_set.add(person)
        team.members.add(person)
        officers.user_set.clear()

    cleared, joined_team, given_role = entries(auditor, record_type="accounts.user")[:3]
    assert changes_of(given_role) == {"Roles": ("(none)", roles.OFFICER)}
    assert changes_of(joined_team)["Teams"][1].startswith("Children in Care")
    assert changes_of(cleared) == {"Roles": (roles.OFFICER, "(none)")}
    assert {e.record_id for e in (cleared, joined_team, given_role)} == {person.pk}


def test_the_trail_keeps_the_actors_name_after_their_account_is_deleted(auditor):
    leaver = factories.UserFactory(full_name="Lou Leaver", roles=[roles.PLAN_MANAGER])
    with signed_in_request(leaver):
        plan = factories.PlanFactory()
    leaver.delete()

    (created,) = entries(auditor, record_type="improvement.plan", record_id=plan.pk)
    assert created.actor_id is None
    assert created.actor_name == "Lou Leaver"
    assert plan.history.get().history_user_name == "Lou Leaver"
    gone = entries(auditor, record_type="accounts.user", record_id=leaver.pk)
    assert gone[0].kind_label == "Deleted"


def test_a_sign_in_stamping_last_login_is_not_reported_as_a_change(client, officer):
    before = officer.history.count()
    client.post(reverse("login"), {"username": officer.email, "password": "a-long-test-password"})
    assert officer.history.count() == before
    assert SignInEvent.objects.filter(user=officer, kind="signed_in").exists()


# The page -------------------------------------------------------------------------------


def test_the_audit_trail_page_lists_changes_newest_first_with_links(client, auditor):
    lead = factories.UserFactory(roles=[roles.OFFICER])
    action = factories.ActionFactory(leads=[lead])
    action.description = "Audit every strategy discussion."
    action.save()
    client.force_login(auditor)

    response = client.get(reverse("audit_trail"), {"record_type": "improvement.action"})

    assert response.status_code == 200
    page = response.context["page"]
    assert page.entries[0].kind_label == "Changed"
    assert page.entries[0].record_url == reverse("action_detail", args=[action.pk])
    html = response.content.decode()
    assert f'href="{reverse("action_detail", args=[action.pk])}"' in html
    assert "Audit every strategy discussion." in html


def test_the_page_filters_by_person_type_record_and_dates(client, auditor, manager):
    with signed_in_request(manager):
        kept = factories.PlanFactory(title="Kept plan")
    with signed_in_request(auditor):
        factories.PlanFactory(title="Other plan")
    client.force_login(auditor)

    def shown(**query):
        response = client.get(reverse("audit_trail"), query)
        assert response.status_code == 200
        return [(e.source_key, e.record_id) for e in response.context["page"].entries]

    assert shown(person="mina", record_type="improvement.plan") == [("improvement.plan", kept.pk)]
    assert shown(record_type="improvement.plan", record_id=kept.pk) == [
        ("improvement.plan", kept.pk)
    ]
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    assert shown(since=tomorrow) == []
    assert len(shown(until=tomorrow, record_type="improvement.plan")) == 2


def test_bad_filters_get_a_message_beside_the_field_not_an_error(client, auditor):
    client.force_login(auditor)
    response = client.get(
        reverse("audit_trail"), {"since": "31/02/2026", "until": "1/1/2020", "record_id": "x"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the start date as a real date" in html
    assert "Enter the record number as a whole number" in html


def test_the_page_takes_the_same_number_of_queries_at_100_and_10000_entries(client, auditor):
    client.force_login(auditor)
    _make_entries(100)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("audit_trail")).status_code == 200
    _make_entries(10_000)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("audit_trail"))
    assert response.status_code == 200
    assert len(response.context["page"].entries) == 50
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]


def _make_entries(count: int) -> None:
    """`count` audit entries of several kinds, written in bulk with their history."""
    first = Organisation.objects.count()
    organisations = bulk_create_with_history(
        [Organisation(name=f"Bulk organisation {first + n}") for n in range(count // 2)],
        Organisation,
        batch_size=1000,
    )
    priority = factories.PriorityFactory()
    start = Action.objects.filter(priority=priority).count()
    bulk_create_with_history(
        [
            Action(priority=priority, order=start + n + 1, description=f"Bulk action {n}")
            for n in range(count - len(organisations) - 1)
        ],
        Action,
        batch_size=1000,
    )
    SignInEvent.objects.create(kind="failed", email="someone@example.org")


def test_csv_export_has_every_entry_with_its_changes(client, auditor, manager):
    with signed_in_request(manager):
        plan = factories.PlanFactory(title="Exported plan")
        plan.title = "=HYPERLINK(bad)"
        plan.save()
    client.force_login(auditor)

    response = client.get(reverse("audit_trail_csv"), {"record_type": "improvement.plan"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Time", "What happened", "Record type"]
    changed = rows[1]
    assert changed[1] == "Changed" and changed[3] == str(plan.pk)
    assert changed[5] == "Mina Manager" and changed[6] == IP
    assert changed[7] == "Title: Exported plan -> =HYPERLINK(bad)"
    assert changed[4] == "'=HYPERLINK(bad)"  # a cell that would run as a formula is defused
    assert all(not cell.startswith("=") for row in rows for cell in row)


# An action's own history ----------------------------------------------------------------


def test_an_actions_history_shows_its_updates_evidence_dates_and_challenges_only(
    client, officer, auditor
):
    action = factories.ActionFactory(leads=[officer])
    update = factories.ProgressUpdateFactory(action=action, author=officer)
    factories.EvidenceFactory(update=update)
    factories.TargetDateChangeFactory(action=action)
    factories.DateChangeRequestFactory(action=action)
    factories.ChallengeFactory(action=action)
    factories.ChallengeFactory()  # another action's: not shown
    client.force_login(officer)

    response = client.get(reverse("action_history", args=[action.pk]))

    assert response.status_code == 200
    kinds = {entry.source_key for entry in response.context["page"].entries}
    assert kinds == set(action_scopes(action.pk))
    assert all(
        entry.record_url == reverse("action_detail", args=[action.pk])
        for entry in response.context["page"].entries
    )


def test_an_officer_who_does_not_lead_the_action_cannot_read_its_history(client, officer):
    action = factories.ActionFactory()
    client.force_login(officer)
    assert client.get(reverse("action_history", args=[action.pk])).status_code == 403


# Nobody can change or delete an entry ---------------------------------------------------


def test_no_history_model_is_registered_in_admin():
    registered = [model.__name__ for model in admin.site._registry]
    assert not [name for name in registered if name.startswith("Historical")]


def _snapshot():
    """Every history row and sign-in event, as values."""
    rows = {}
    for source in sources().values():
        for row in source.history.objects.values():
            rows[(source.key, row["history_id"])] = row
    for row in SignInEvent.objects.values():
        rows[("signin", row["id"])] = row
    return rows


def test_admin_history_pages_show_past_versions_but_cannot_restore_them(client, admin_user):
    update = factories.ProgressUpdateFactory(narrative="The original narrative.")
    action = update.action
    action.description = "Second version."
    action.save()
    client.force_login(admin_user)
    before = _snapshot()

    for record in (update, action):
        opts = type(record)._meta
        historical = record.history.last()
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_simple_history",
            args=[record.pk, historical.history_id],
        )
        assert client.get(url).status_code == 200
        response = client.post(url, {"narrative": "Rewritten.", "description": "Rewritten."})
        assert response.status_code == 405

    update.refresh_from_db()
    action.refresh_from_db()
    assert update.narrative == "The original narrative."
    assert action.description == "Second version."
    assert _snapshot() == before


def test_no_url_in_the_app_changes_or_deletes_an_entry(client, world):  # noqa: F811
    """POST to every form of the role-by-URL table as the most powerful roles: entries only grow."""
    objects, users = world
    before = _snapshot()
    # Every URL that takes a form, and every URL of the audit area whatever its method.
    posts = {url_for(row, objects): row.data for row in ROWS if row.method == "post"}
    posts |= {url_for(row, objects): {} for row in ROWS if row in audit_urls.ROWS}
    # A superuser passes every permission check; a plan manager passes the role rules
    # that leave administrators out.
    for role in ("admin", "manager"):
        for url, data in posts.items():
            client.force_login(users[role])  # again each time: one of the URLs signs out
            client.post(url, data)
    after = _snapshot()
    missing = set(before) - set(after)
    changed = {key for key in before if key in after and after[key] != before[key]}
    assert not missing and not changed, (missing, changed)


# PostgreSQL: the database itself refuses ------------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only triggers exist on PostgreSQL only"
)


@postgres_only
def test_every_history_table_and_the_sign_in_log_has_the_append_only_trigger():
    tables = {source.history._meta.db_table for source in sources().values()}
    tables |= {table._meta.db_table for table in HistoricalRecords.m2m_models.values()}
    tables.add(SignInEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER_NAME],
        )
        protected = {name for (name,) in cursor.fetchall()}
    assert tables <= protected, sorted(tables - protected)


@postgres_only
@pytest.mark.parametrize("statement", ["UPDATE {} SET history_user_name = 'x'", "DELETE FROM {}"])
def test_a_raw_update_or_delete_on_a_history_table_is_refused(statement):
    factories.PlanFactory()
    table = connection.ops.quote_name(Plan.history.model._meta.db_table)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table))
    assert Plan.history.count() == 1


@postgres_only
def test_a_raw_update_of_a_sign_in_event_is_refused():
    SignInEvent.objects.create(kind="failed", email="who@example.org")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        SignInEvent.objects.update(email="someone-else@example.org")


@postgres_only
def test_deleting_a_user_still_works_and_only_clears_the_actor_link(auditor):
    leaver = factories.UserFactory(full_name="Lou Leaver")
    with signed_in_request(leaver):
        factories.PlanFactory()
    User.objects.filter(pk=leaver.pk).delete()
    assert Plan.history.get().history_user_id is None
    assert Plan.history.get().history_user_name == "Lou Leaver"


# Retention ------------------------------------------------------------------------------


def test_by_default_the_purge_keeps_everything(settings):
    settings.RETENTION_DAYS_AUDIT = 0
    factories.PlanFactory()
    out = io.StringIO()
    call_command("purge_audit_trail", stdout=out)
    assert "kept for ever" in out.getvalue()
    assert Plan.history.count() == 1


def test_the_purge_deletes_only_entries_older_than_the_retention_period(settings):
    settings.RETENTION_DAYS_AUDIT = 30
    long_ago = timezone.now() - dt.timedelta(days=31)
    old_plan = factories.PlanFactory.build()
    old_plan._history_date = long_ago
    old_plan.save()
    del old_plan._history_date
    old_plan.inspections.add(factories.InspectionFactory())  # a many-to-many row, today
    recent = factories.PlanFactory()
    SignInEvent.objects.create(kind="failed", email="old@example.org", at=long_ago)
    SignInEvent.objects.create(kind="failed", email="new@example.org")

    call_command("purge_audit_trail", stdout=io.StringIO())

    # The old creation is gone; today's creation and today's change are kept.
    kept = sorted(Plan.history.values_list("id", "history_type"))
    assert kept == sorted([(recent.pk, "+"), (old_plan.pk, "~")])
    assert not Plan.history.filter(history_date__lt=timezone.now() - dt.timedelta(days=30))
    assert list(SignInEvent.objects.values_list("email", flat=True)) == ["new@example.org"]
