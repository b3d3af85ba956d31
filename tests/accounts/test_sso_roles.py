"""The role claim turned into roles: the map's parsing and the sync service."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.sso.roles import (
    ROLE_CHANGE_REASON,
    parse_role_map,
    role_labels,
    roles_from_claims,
    user_roles_sync,
)
from core import roles
from tests import factories

sample_map = parse_role_map(
    "Tracker.Officer=officer, Tracker.Manager=plan_manager,g-1=admin,g-1=auditor"
)


def test_the_map_reads_values_and_roles():
    assert sample_map == {
        "Tracker.Officer": {"officer"},
        "Tracker.Manager": {"plan_manager"},
        "g-1": {"admin", "auditor"},
    }
    assert parse_role_map("") == {}


@pytest.mark.parametrize("text", ["Tracker.Officer", "x=superuser", "=officer"])
def test_a_wrong_map_says_what_is_wrong(text):
    with pytest.raises(ImproperlyConfigured, match="OIDC_ROLE_MAP"):
        parse_role_map(text)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"roles": ["Tracker.Officer", "Unknown"]}, {"officer"}),
        ({"roles": "Tracker.Manager"}, {"plan_manager"}),
        ({"roles": ["g-1"]}, {"admin", "auditor"}),
        ({"roles": []}, set()),
        ({}, set()),
        ({"roles": {"odd": "shape"}}, set()),
    ],
)
def test_roles_come_from_the_claim_values_the_map_names(claims, expected):
    assert roles_from_claims(claims, claim="roles", role_map=sample_map) == expected


def test_groups_claim_can_be_used_instead():
    claims = {"roles": ["Tracker.Officer"], "groups": ["g-1"]}
    assert roles_from_claims(claims, claim="groups", role_map=sample_map) == {"admin", "auditor"}


def test_labels_read_in_a_fixed_order():
    assert role_labels({"admin", "officer"}) == [roles.OFFICER, "Administrator"]


def test_sync_adds_and_removes_roles_and_staff_with_the_reason(db):
    user = factories.UserFactory(roles=[roles.OFFICER, roles.SCRUTINY])
    assert user_roles_sync(user=user, roles={"auditor", "officer", "admin"})
    user.refresh_from_db()
    assert set(user.groups.values_list("name", flat=True)) == {roles.OFFICER, roles.AUDITOR}
    assert user.is_staff
    latest = user.history.order_by("-history_id").first()
    assert latest.history_change_reason == ROLE_CHANGE_REASON
    assert user_roles_sync(user=user, roles={"auditor", "officer", "admin"}) is False
    assert user_roles_sync(user=user, roles=set())
    user.refresh_from_db()
    assert not user.is_staff and not user.groups.exists()


def test_start_up_checks_name_missing_settings(settings):
    from accounts.sso.checks import sso_settings

    assert sso_settings(None) == []
    settings.OIDC_ISSUER = "https://login.example/tenant/v2.0"
    settings.OIDC_CLIENT_ID = ""
    settings.OIDC_ROLE_MAP = "Tracker.Officer=boss"
    ids = {problem.id for problem in sso_settings(None)}
    assert ids == {"sso.E001", "sso.E002"}
