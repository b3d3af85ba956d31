"""What every audit-trail entry records beyond django-simple-history's own columns.

Every model passes `bases=[IPAddressHistoricalModel]` to `HistoricalRecords`, so each
historical row also keeps the address the change came from and the actor's name. The
name survives the deletion of the user: `history_user` is SET_NULL, the name is not.
Also here: the append-only triggers that protect the trail's tables on PostgreSQL, the
migrations' helpers, and the admin's read-only history pages. The purge is in services.
"""

from django.db import models
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


def client_ip(request) -> str | None:
    """The address a request came from, resolved the way sign-in lock-out resolves it."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


def person_name(user) -> str:
    if user is None:
        return ""
    return (getattr(user, "full_name", "") or getattr(user, "email", "") or str(user))[:150]


class IPAddressHistoricalModel(models.Model):
    """Abstract base of every historical model: where a change came from and who made it."""

    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    history_user_name = models.CharField("changed by (name kept)", max_length=150, blank=True)

    class Meta:
        abstract = True


class AuditedHistoricalRecords(HistoricalRecords):
    """django-simple-history's HistoricalRecords for this app.

    Every historical model gets IPAddressHistoricalModel's columns. Many-to-many changes made
    from the other side (`group.user_set.add(user)`, `team.members.remove(user)`) are
    recorded on the tracked record too: the library only handles the forward side, and
    would fail on a Group (no history) or write a meaningless row on a Team.
    """

    def __init__(self, *args, bases=(IPAddressHistoricalModel,), **kwargs):
        super().__init__(*args, bases=bases, **kwargs)

    def post_save(self, instance, created, using=None, **kwargs):
        # Saving only untracked fields (a sign-in stamping last_login) is not a change.
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action == "pre_clear":
            cleared = getattr(instance, "_history_cleared", {})
            cleared[attr] = set(
                self.cls.objects.filter(**{attr: instance}).values_list("pk", flat=True)
            )
            instance._history_cleared = cleared
            return None
        if action == "post_clear":
            pk_set = getattr(instance, "_history_cleared", {}).pop(attr, set())
        elif action not in ("post_add", "post_remove"):
            return None
        for record in self.cls.objects.filter(pk__in=pk_set or ()):
            super().m2m_changed(record, action, attr, pk_set, False, **kwargs)
        return None


@receiver(pre_create_historical_record)
def stamp_address_and_name(sender, history_instance, history_user=None, **kwargs):
    """Fill the extra columns from the current request (HistoryRequestMiddleware keeps it)."""
    if not isinstance(history_instance, IPAddressHistoricalModel):
        return
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None and not history_instance.ip_address:
        history_instance.ip_address = client_ip(request)
    if history_user is not None and not history_instance.history_user_name:
        history_instance.history_user_name = person_name(history_user)


# Database-level protection ----------------------------------------------------------------
#
# On PostgreSQL a trigger rejects UPDATE and DELETE on every audit table, so no code path,
# admin page or stray SQL from the application can rewrite the trail. Two exceptions:
# - the one UPDATE Django makes when a user is deleted (ON DELETE SET NULL of the actor
#   column), and only when nothing else in the row changes; the actor's name stays;
# - DELETE inside a transaction that first runs `SET LOCAL improvement.audit_purge = 'on'`,
#   which only the retention purge (manage.py purge_audit_trail) does. See docs/retention.md.
# TRUNCATE is not blocked (test databases are emptied with it); the app never issues it.

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_trail_append_only() RETURNS trigger AS $$
DECLARE
    actor_column text := TG_ARGV[0];
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('improvement.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND actor_column IS NOT NULL
        AND (to_jsonb(NEW) ->> actor_column) IS NULL
        AND (to_jsonb(NEW) - actor_column) = (to_jsonb(OLD) - actor_column) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER_NAME = "audit_trail_append_only"
# The sign-in events' table, named when accounts held the model (audit.SignInEvent keeps it).
SIGN_IN_TABLE = "accounts_signinevent"


def audit_tables(apps) -> list[tuple[str, str | None]]:
    """(table, nullable actor column) for every history table and the sign-in events."""
    tables = []
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            actor = "history_user_id" if _has_field(model, "history_user") else None
            tables.append((model._meta.db_table, actor))
    tables.append((SIGN_IN_TABLE, "user_id"))
    return sorted(tables)


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def protect_audit_tables(apps, schema_editor) -> None:
    """Migration step: install the append-only trigger on every audit table (PostgreSQL)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute(APPEND_ONLY_FUNCTION, params=None)  # None: "%" is not a placeholder
    for table, actor in audit_tables(apps):
        argument = f"'{actor}'" if actor else ""
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER_NAME} ON {quote(table)}")
        schema_editor.execute(
            f"CREATE TRIGGER {TRIGGER_NAME} BEFORE UPDATE OR DELETE ON {quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only({argument})"
        )


def unprotect_audit_tables(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _ in audit_tables(apps):
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {TRIGGER_NAME} ON {schema_editor.quote_name(table)}"
        )
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_trail_append_only()")


def keep_actor_names(app_label: str):
    """Migration step for one app: fill history_user_name on rows written before it existed."""

    def backfill(apps, schema_editor):
        from django.db.models import OuterRef, Subquery

        users = apps.get_model("accounts", "User").objects.filter(pk=OuterRef("history_user_id"))
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__.startswith("Historical") and _has_field(model, "history_user_name"):
                # audit-trail: ok (a migration backfill, before the trail is protected)
                unnamed = model.objects.filter(history_user__isnull=False, history_user_name="")
                unnamed.update(history_user_name=Subquery(users.values("full_name")[:1]))

    return backfill


def make_admin_history_read_only() -> None:
    """Django admin's history pages may show a past version but never save it.

    simple-history's history_form_view saves the posted form over the live record (a
    "revert") whenever the user may view the history, even for records the admin keeps
    append-only, and SIMPLE_HISTORY_REVERT_DISABLED only hides the button. Refusing every
    method but GET and HEAD there closes that path for every model admin at once, including
    ones added later. Called from AccountsConfig.ready().
    """
    from django.http import HttpResponseNotAllowed
    from simple_history.admin import SimpleHistoryAdmin

    original = SimpleHistoryAdmin.history_form_view
    if getattr(original, "read_only", False):
        return

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return original(self, request, object_id, version_id, extra_context)

    history_form_view.read_only = True
    SimpleHistoryAdmin.history_form_view = history_form_view
