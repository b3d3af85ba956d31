"""The only writes the audit app makes to the trail itself: the retention purge."""

from django.apps import apps
from django.db import connections, transaction
from simple_history.models import HistoricalRecords

from audit.models import SignInEvent


def audit_trail_purge(*, before, using: str = "default") -> dict[str, int]:
    """Delete audit entries (history rows and sign-in events) older than `before`.

    The only deletion of the trail the application makes: manage.py purge_audit_trail,
    when settings.RETENTION_DAYS_AUDIT is set. On PostgreSQL it switches the append-only
    trigger's purge allowance on for its own transaction only. Returns rows deleted by table.
    """
    connection = connections[using]
    deleted: dict[str, int] = {}
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL improvement.audit_purge = 'on'")
        for model in apps.get_models():
            if not hasattr(model._meta, "simple_history_manager_attribute"):
                continue
            history = model.history.model
            old = history.objects.using(using).filter(history_date__lt=before)
            for m2m_field in getattr(history, "_history_m2m_fields", []):
                table = HistoricalRecords.m2m_models[m2m_field]
                count, _ = table.objects.using(using).filter(history__in=old).delete()
                deleted[table._meta.db_table] = count
            deleted[history._meta.db_table], _ = old.delete()
        count, _ = SignInEvent.objects.using(using).filter(at__lt=before).delete()
        deleted[SignInEvent._meta.db_table] = count
    return deleted
