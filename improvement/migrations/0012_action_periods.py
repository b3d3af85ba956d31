"""Each action's state as periods (improvement/periods.py), filled from the records."""

import datetime
import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    # The live rebuild, so the backfill and every later write compute periods alike.
    from improvement import periods

    periods.refresh()
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE improvement_actionperiod")  # for the planner at once


class Migration(migrations.Migration):
    dependencies = [
        ("improvement", "0011_plan_versions"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActionPeriod",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("starts_at", models.DateTimeField()),
                (
                    "ends_at",
                    models.DateTimeField(
                        default=datetime.datetime(9999, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("not_started", "Not started"),
                            ("on_track", "On track"),
                            ("at_risk", "At risk"),
                            ("off_track", "Off track"),
                            ("complete", "Complete"),
                            ("verified", "Verified"),
                            ("closed", "Closed"),
                        ],
                        max_length=20,
                    ),
                ),
                ("percent_complete", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("target_date", models.DateField(blank=True, null=True)),
                ("last_update_at", models.DateTimeField(blank=True, null=True)),
                (
                    "action",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="periods",
                        to="improvement.action",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["ends_at"],
                        include=("starts_at", "action", "status", "target_date", "last_update_at"),
                        name="period_in_force_idx",
                    ),
                    models.Index(fields=["action", "starts_at"], name="period_action_idx"),
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
