"""Seed the ILACS judgement areas in force in 2026; admins can add more as the framework changes."""

from django.db import migrations

AREAS = [
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
    "Overall effectiveness",
]


def seed(apps, schema_editor):
    JudgementArea = apps.get_model("inspections", "JudgementArea")
    for order, name in enumerate(AREAS, start=1):
        JudgementArea.objects.get_or_create(name=name, defaults={"order": order})


def unseed(apps, schema_editor):
    apps.get_model("inspections", "JudgementArea").objects.filter(name__in=AREAS).delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
