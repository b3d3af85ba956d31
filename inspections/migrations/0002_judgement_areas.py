"""Seed the ILACS judgement areas in force in 2026; admins can add more as the framework changes."""

from django.db import migrations

from inspections.reference import JUDGEMENT_AREAS, ensure_judgement_areas


def seed(apps, schema_editor):
    ensure_judgement_areas(apps.get_model("inspections", "JudgementArea"))


def unseed(apps, schema_editor):
    apps.get_model("inspections", "JudgementArea").objects.filter(name__in=JUDGEMENT_AREAS).delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
