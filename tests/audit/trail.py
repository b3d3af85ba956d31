"""Helpers for the audit trail's tests: a request with a known actor and address."""

from contextlib import contextmanager

from django.test import RequestFactory
from simple_history.models import HistoricalRecords

from audit.models import SignInEvent
from audit.selectors import AuditFilters, audit_page, audit_rows, sources

IP = "203.0.113.7"


@contextmanager
def signed_in_request(user, ip=IP):
    """What HistoryRequestMiddleware does for a request: the actor and address are known."""
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    request.user = user
    HistoricalRecords.context.request = request
    try:
        yield request
    finally:
        del HistoricalRecords.context.request


def entries(viewer, **filters):
    return audit_page(audit_rows(AuditFilters(**filters)), viewer).entries


def changes_of(entry) -> dict[str, tuple[str, str]]:
    return {change.field: (change.old, change.new) for change in entry.changes}


def snapshot():
    """Every history row and sign-in event, as values."""
    rows = {}
    for source in sources().values():
        for row in source.history.objects.values():
            rows[(source.key, row["history_id"])] = row
    for row in SignInEvent.objects.values():
        rows[("signin", row["id"])] = row
    return rows
