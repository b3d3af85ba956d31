"""On PostgreSQL, reject UPDATE and DELETE on every history table and on sign-in events.

See improvement/history.py for the trigger and its two narrow exceptions. A model that
gains history later needs a migration that runs protect_audit_tables again (it is
idempotent); tests/audit/test_history.py checks every history table is covered.
"""

from django.db import migrations

from audit.history import protect_audit_tables, unprotect_audit_tables


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_audit_trail"),
        ("improvement", "0002_history_address_and_name"),
        ("inspections", "0003_history_address_and_name"),
        ("recommendations", "0002_history_address_and_name"),
    ]

    operations = [
        migrations.RunPython(protect_audit_tables, unprotect_audit_tables, elidable=False),
    ]
