"""A write that cannot get SQLite's lock in time gets "The system is busy" (503), not a 500."""

import logging

import pytest
from django.db import OperationalError
from django.urls import reverse

from improvement.models import ProgressUpdate
from tests import factories

UPDATE = {"narrative": "Audited 20 strategy discussions.", "status": "on_track", "links": ""}


@pytest.fixture
def update_url(officer):
    action = factories.ActionFactory(leads=[officer])
    return reverse("progress_update_create", args=[action.pk])


def fail_with(monkeypatch, message: str):
    def locked(**kwargs):
        raise OperationalError(message)

    monkeypatch.setattr("improvement.views.updates.progress_update_post", locked)


@pytest.mark.parametrize("message", ["database is locked", "database table is locked"])
def test_a_lock_timeout_gets_the_busy_page_with_retry_after_and_is_logged(
    client, officer, update_url, monkeypatch, caplog, message
):
    fail_with(monkeypatch, message)
    client.force_login(officer)
    with caplog.at_level(logging.WARNING, logger="core.busy"):
        response = client.post(update_url, UPDATE)

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "The system is busy: your change was not saved" in page
    assert "use your browser’s Back button, and what you typed is still there" in page
    assert "govuk-template" in page
    assert not ProgressUpdate.objects.exists()
    [record] = [r for r in caplog.records if r.name == "core.busy"]
    assert record.path == update_url and record.user_id == officer.pk


def test_other_database_errors_are_not_passed_off_as_busy(client, officer, update_url, monkeypatch):
    fail_with(monkeypatch, "no such table: improvement_progressupdate")
    client.force_login(officer)
    with pytest.raises(OperationalError, match="no such table"):
        client.post(update_url, UPDATE)
