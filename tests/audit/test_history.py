"""Nobody can change or delete an entry: not the app, not the admin, not raw SQL."""

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.models import User
from audit.history import TRIGGER_NAME
from audit.models import SignInEvent
from audit.selectors import sources
from improvement.models import Plan
from tests import factories
from tests.audit.trail import signed_in_request, snapshot
from tests.test_url_permissions import url_for, world  # noqa: F401 - world is a fixture
from tests.url_table import ROWS
from tests.url_tables import audit as audit_urls

pytestmark = pytest.mark.django_db


def test_no_history_model_is_registered_in_admin():
    registered = [model.__name__ for model in admin.site._registry]
    assert not [name for name in registered if name.startswith("Historical")]


def test_admin_history_pages_show_past_versions_but_cannot_restore_them(client, admin_user):
    update = factories.ProgressUpdateFactory(narrative="The original narrative.")
    action = update.action
    action.description = "Second version."
    action.save()
    client.force_login(admin_user)
    before = snapshot()

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
    assert snapshot() == before


def test_no_url_in_the_app_changes_or_deletes_an_entry(client, world):  # noqa: F811
    """POST to every form of the role-by-URL table as the most powerful roles: entries only grow."""
    objects, users = world
    before = snapshot()
    # Every URL that takes a form, and every URL of the audit area whatever its method.
    posts = {url_for(row, objects): row.data for row in ROWS if row.method == "post"}
    posts |= {url_for(row, objects): {} for row in ROWS if row in audit_urls.ROWS}
    # A superuser passes every permission check; a plan manager passes the role rules
    # that leave administrators out.
    for role in ("admin", "manager"):
        for url, data in posts.items():
            client.force_login(users[role])  # again each time: one of the URLs signs out
            client.post(url, data)
    after = snapshot()
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
