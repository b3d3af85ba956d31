"""A signed-in session stays alive while used, written at most once a minute
(core.middleware.SessionIdleMiddleware) rather than on every request."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import middleware

pytestmark = pytest.mark.django_db


def session_writes(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("profile")).status_code == 200
    return sum(
        1
        for q in queries.captured_queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_a_session_is_written_once_a_minute_and_its_expiry_moves_on(client, officer, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client.force_login(officer)
    session_writes(client)  # the first request marks it as used
    key = client.session.session_key
    first_expiry = Session.objects.get(session_key=key).expire_date

    clock[0] += 30
    assert session_writes(client) == 0

    clock[0] += 31
    assert session_writes(client) == 1
    assert Session.objects.get(session_key=key).expire_date > first_expiry


def test_an_anonymous_visit_creates_no_session(client):
    client.get(reverse("login"))
    assert not Session.objects.exists()
