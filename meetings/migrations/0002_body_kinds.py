"""The four kinds of body councils have (an administrator adds more in admin), and on
PostgreSQL the meetings' history tables join the append-only audit trail."""

from django.db import migrations

from audit.history import protect_audit_tables

KINDS = ["Cabinet", "Corporate parenting panel", "Improvement board", "Scrutiny panel"]


def add_kinds(apps, schema_editor):
    BodyKind = apps.get_model("meetings", "BodyKind")
    for name in KINDS:
        BodyKind.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_bodies_and_meetings"),
        ("improvement", "0003_protect_audit_trail"),
    ]

    operations = [
        migrations.RunPython(add_kinds, migrations.RunPython.noop),
        migrations.RunPython(protect_audit_tables, migrations.RunPython.noop, elidable=False),
    ]
