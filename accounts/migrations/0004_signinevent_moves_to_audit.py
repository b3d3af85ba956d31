"""SignInEvent now belongs to the audit app (audit/migrations/0001_initial.py); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_audit_trail"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SignInEvent")],
            database_operations=[],
        ),
    ]
