"""Views fetch records only through core/access.py, and its helpers answer 404 and 403.

The scan keeps a view from fetching around the `visible_to` scope: one that called
get_object_or_404 or Model.objects.get itself could forget it and show a hidden record.
"""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core import roles
from core.access import get_allowed_or_404, get_selected_or_404, get_visible_or_404
from improvement.models import Action, Challenge
from improvement.selectors.actions import action_detail
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
# Fetching around the scope: Django's shortcut, an unscoped get, or catching a miss by hand.
FORBIDDEN = re.compile(r"get_object_or_404|get_list_or_404|\.objects\.get\(|DoesNotExist")


def view_modules() -> list[Path]:
    """Every views module of the product's apps: <app>/views.py and <app>/views/*.py."""
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.parent != ROOT:
            continue  # Django's and third-party apps
        found += [path / "views.py"] if (path / "views.py").exists() else []
        found += sorted((path / "views").glob("*.py"))
    return found


def test_the_scan_finds_the_views_of_every_app():
    names = {str(path.relative_to(ROOT)) for path in view_modules()}
    assert {"core/views.py", "improvement/views/actions.py"} <= names
    assert len(names) > 15


@pytest.mark.parametrize("path", view_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_views_fetch_records_only_through_core_access(path):
    lines = path.read_text().splitlines()
    found = [f"{n}: {line.strip()}" for n, line in enumerate(lines, 1) if FORBIDDEN.search(line)]
    assert not found, (
        "Fetch with core.access (get_visible_or_404, get_allowed_or_404, get_selected_or_404) "
        "so the record is scoped by visible_to:\n" + "\n".join(found)
    )


@pytest.fixture
def secret_action(db):
    secret = factories.RecommendationFactory(
        inspection=factories.InspectionFactory(is_confidential=True)
    )
    return factories.ActionFactory(recommendations=[secret])


def test_a_hidden_record_is_a_404_like_a_missing_one(secret_action, scrutiny, manager):
    assert get_visible_or_404(Action.objects, manager, pk=secret_action.pk) == secret_action
    with pytest.raises(Http404):
        get_visible_or_404(Action.objects, scrutiny, pk=secret_action.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Action.objects, manager, pk=secret_action.pk + 1000)


def test_a_visible_record_without_the_permission_is_a_403(db, scrutiny, manager):
    challenge = factories.ChallengeFactory(raised_by=scrutiny)
    other_member = factories.UserFactory(roles=[roles.SCRUTINY])
    close = "improvement.close_challenge"

    assert get_allowed_or_404(Challenge.objects, scrutiny, close, pk=challenge.pk) == challenge
    with pytest.raises(PermissionDenied):
        get_allowed_or_404(Challenge.objects, other_member, close, pk=challenge.pk)
    with pytest.raises(Http404):
        get_allowed_or_404(Challenge.objects, manager, close, pk=challenge.pk + 1000)


def test_a_selector_that_misses_answers_404(secret_action, scrutiny, manager):
    assert get_selected_or_404(action_detail, manager, secret_action.pk) == secret_action
    with pytest.raises(Http404):
        get_selected_or_404(action_detail, scrutiny, secret_action.pk)
