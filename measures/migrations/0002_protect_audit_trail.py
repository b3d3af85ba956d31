"""On PostgreSQL, the measures' history tables join the append-only audit trail
(audit/history.py; the step is idempotent)."""

from django.db import migrations

from audit.history import protect_audit_tables


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0001_initial"),
        ("improvement", "0003_protect_audit_trail"),
    ]

    operations = [
        migrations.RunPython(protect_audit_tables, migrations.RunPython.noop, elidable=False),
    ]
