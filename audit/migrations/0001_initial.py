"""SignInEvent moves from accounts to audit: the table and its rows stay where they are.

Only Django's record of which app owns the model changes (state), and the content type is
relabelled so the permissions that point at it keep working.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.using(schema_editor.connection.alias).filter(
        app_label="accounts", model="signinevent"
    ).update(app_label="audit")


def relabel_back(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.using(schema_editor.connection.alias).filter(
        app_label="audit", model="signinevent"
    ).update(app_label="accounts")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0003_audit_trail"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SignInEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("signed_in", "Signed in"),
                                    ("signed_out", "Signed out"),
                                    ("failed", "Failed sign-in"),
                                    ("locked_out", "Locked out"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "email",
                            models.CharField(
                                blank=True, max_length=254, verbose_name="e-mail address as typed"
                            ),
                        ),
                        ("user_name", models.CharField(blank=True, max_length=150)),
                        (
                            "ip_address",
                            models.GenericIPAddressField(
                                blank=True, null=True, verbose_name="IP address"
                            ),
                        ),
                        ("user_agent", models.CharField(blank=True, max_length=300)),
                        (
                            "at",
                            models.DateTimeField(
                                db_index=True, default=django.utils.timezone.now
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "sign-in event",
                        "ordering": ["-at", "-pk"],
                        "db_table": "accounts_signinevent",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, relabel_back),
    ]
