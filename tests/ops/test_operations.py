"""Health check, security headers, error pages and request logs."""

import json
import logging

import pytest
from django.db import DatabaseError
from django.test import override_settings

from core.logging import JsonFormatter


@pytest.mark.django_db
def test_healthz_answers_without_signing_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "storage": "ok",
        "queue": "ok",
        "oldest_waiting_seconds": 0,
    }


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get("/sign-in/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
def test_unknown_page_gets_the_sites_404_page(client, officer):
    client.force_login(officer)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"govuk-template" in response.content


@pytest.mark.django_db
def test_missing_csrf_token_gets_a_plain_message(officer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post("/profile/", {"wants_reminders": "on"})
    assert response.status_code == 403
    assert b"Your form expired" in response.content


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_server_error_page_is_the_sites(client, officer, monkeypatch):
    client.raise_request_exception = False
    client.force_login(officer)
    monkeypatch.setattr("improvement.views.home.home_sections", lambda user: 1 / 0)
    response = client.get("/")
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


@pytest.mark.django_db
def test_request_log_leaves_out_query_strings_and_e_mail(client, officer, caplog):
    client.force_login(officer)
    with caplog.at_level(logging.INFO, logger="improvement.requests"):
        client.get("/?q=Jane+Doe")
    [record] = [r for r in caplog.records if r.name == "improvement.requests"]
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["path"] == "/" and entry["status"] == 200 and entry["user_id"] == officer.pk
    assert "Jane" not in line and officer.email not in line
