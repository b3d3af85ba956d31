import datetime as dt

import pytest
from django.utils import timezone

from core import roles
from tests import factories


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fixed_today(monkeypatch):
    """Pin 'today' for the status rules; returns a setter."""

    original = timezone.localdate

    def pin(day: dt.date):
        def localdate(value=None, tz=None):
            return day if value is None else original(value, tz)

        monkeypatch.setattr(timezone, "localdate", localdate)
        return day

    return pin


@pytest.fixture
def officer(db):
    return factories.UserFactory(full_name="Olu Officer", roles=[roles.OFFICER])


@pytest.fixture
def manager(db):
    return factories.UserFactory(full_name="Mina Manager", roles=[roles.PLAN_MANAGER])


@pytest.fixture
def scrutiny(db):
    return factories.UserFactory(full_name="Cllr Sam Scrutiny", roles=[roles.SCRUTINY])


@pytest.fixture
def auditor(db):
    return factories.UserFactory(full_name="Ada Auditor", roles=[roles.AUDITOR])


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(full_name="Ash Admin", is_staff=True, is_superuser=True)
