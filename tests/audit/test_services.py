"""The retention purge: manage.py purge_audit_trail."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.models import SignInEvent
from improvement.models import Plan
from tests import factories

pytestmark = pytest.mark.django_db


def test_by_default_the_purge_keeps_everything(settings):
    settings.RETENTION_DAYS_AUDIT = 0
    factories.PlanFactory()
    out = io.StringIO()
    call_command("purge_audit_trail", stdout=out)
    assert "kept for ever" in out.getvalue()
    assert Plan.history.count() == 1


def test_the_purge_deletes_only_entries_older_than_the_retention_period(settings):
    settings.RETENTION_DAYS_AUDIT = 30
    long_ago = timezone.now() - dt.timedelta(days=31)
    old_plan = factories.PlanFactory.build()
    old_plan._history_date = long_ago
    old_plan.save()
    del old_plan._history_date
    old_plan.inspections.add(factories.InspectionFactory())  # a many-to-many row, today
    recent = factories.PlanFactory()
    SignInEvent.objects.create(kind="failed", email="old@example.org", at=long_ago)
    SignInEvent.objects.create(kind="failed", email="new@example.org")

    call_command("purge_audit_trail", stdout=io.StringIO())

    # The old creation is gone; today's creation and today's change are kept.
    kept = sorted(Plan.history.values_list("id", "history_type"))
    assert kept == sorted([(recent.pk, "+"), (old_plan.pk, "~")])
    assert not Plan.history.filter(history_date__lt=timezone.now() - dt.timedelta(days=30))
    assert list(SignInEvent.objects.values_list("email", flat=True)) == ["new@example.org"]
