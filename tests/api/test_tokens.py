"""Personal API tokens: stored hashed, refused once revoked or expired or when the account
is switched off, every use logged, made and revoked on the profile, in the audit trail."""

import hashlib
import logging
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from api import services
from api.models import ApiToken
from api.services import api_token_create, api_token_revoke
from api.throttling import TokenRateThrottle
from core import roles
from tests import factories
from tests.queries import assert_flat_queries

ACTIONS = "/api/v1/actions/"


def auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def officer_key(officer):
    return api_token_create(user=officer, name="Power BI").key


def test_only_a_hash_of_the_secret_is_stored(officer):
    issued = api_token_create(user=officer, name="Power BI")
    _, prefix, secret = issued.key.split("_")
    row = ApiToken.objects.values().get(pk=issued.token.pk)
    assert row["secret_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert not any(secret in str(value) for value in row.values())
    assert row["prefix"] == prefix
    assert len(secret) >= 40  # 32 random bytes


def test_a_token_reads_and_a_wrong_or_malformed_one_is_refused(client, officer_key):
    assert client.get(ACTIONS, **auth(officer_key)).status_code == 200
    wrong = officer_key[:-3] + "abc"
    assert client.get(ACTIONS, **auth(wrong)).status_code == 401
    assert client.get(ACTIONS, **auth("not-a-token")).status_code == 401
    assert client.get(ACTIONS, HTTP_AUTHORIZATION="Bearer").status_code == 401
    assert client.get(ACTIONS, HTTP_AUTHORIZATION=f"Token {officer_key}").status_code == 401


def test_revoking_on_the_profile_page_stops_the_token_at_once(client, officer, officer_key):
    token = ApiToken.objects.get(user=officer)
    client.force_login(officer)
    response = client.post(reverse("api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    client.logout()
    assert client.get(ACTIONS, **auth(officer_key)).status_code == 401


def test_nobody_else_may_revoke_a_token_but_an_administrator(client, officer, admin_user):
    token = api_token_create(user=officer, name="Power BI").token
    other = factories.UserFactory(roles=[roles.PLAN_MANAGER])
    client.force_login(other)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    with pytest.raises(services.PermissionDenied):
        api_token_revoke(token=token, by=other)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == admin_user


def test_an_expired_token_is_refused(client, officer, monkeypatch):
    issued = api_token_create(user=officer, name="For a month", expires_days=30)
    assert client.get(ACTIONS, **auth(issued.key)).status_code == 200
    later = issued.token.expires_at + timedelta(seconds=1)
    monkeypatch.setattr(services, "now", lambda: later)
    assert client.get(ACTIONS, **auth(issued.key)).status_code == 401


def test_a_switched_off_account_s_token_is_refused(client, officer, officer_key):
    officer.is_active = False
    officer.save()
    assert client.get(ACTIONS, **auth(officer_key)).status_code == 401


def test_every_use_is_logged_without_the_secret(client, officer_key, caplog):
    with caplog.at_level(logging.INFO, logger="api.tokens"):
        client.get(ACTIONS, **auth(officer_key))
        client.get(ACTIONS, **auth(officer_key + "x"))
    prefix, secret = officer_key.split("_")[1:]
    used = [r.getMessage() for r in caplog.records if "token used" in r.getMessage()]
    refused = [r.getMessage() for r in caplog.records if "token refused" in r.getMessage()]
    assert len(used) == 1 and f"token={prefix}" in used[0] and "path=/api/v1/actions/" in used[0]
    assert len(refused) == 1
    assert secret not in caplog.text


def test_last_used_is_written_at_most_once_a_minute(client, officer, officer_key, monkeypatch):
    client.get(ACTIONS, **auth(officer_key))
    first = ApiToken.objects.get(user=officer).last_used_at
    assert first is not None
    monkeypatch.setattr(services, "now", lambda: first + timedelta(seconds=30))
    client.get(ACTIONS, **auth(officer_key))
    assert ApiToken.objects.get(user=officer).last_used_at == first
    monkeypatch.setattr(services, "now", lambda: first + timedelta(seconds=61))
    client.get(ACTIONS, **auth(officer_key))
    assert ApiToken.objects.get(user=officer).last_used_at == first + timedelta(seconds=61)


def test_creating_and_revoking_are_in_the_audit_trail(client, officer):
    client.force_login(officer)
    response = client.post(reverse("api_tokens"), {"name": "Board pack", "expires_days": "90"})
    assert response.status_code == 201
    token = ApiToken.objects.get(user=officer)
    client.post(reverse("api_token_revoke", args=[token.pk]))
    history = list(token.history.order_by("history_date"))
    assert [row.history_type for row in history] == ["+", "~"]
    assert all(row.history_user == officer for row in history)
    assert history[1].revoked_at is not None
    assert all(not hasattr(row, "last_used_at") for row in history)


def test_the_key_is_shown_once(client, officer):
    client.force_login(officer)
    response = client.post(reverse("api_tokens"), {"name": "Board pack"})
    key = response.context["issued"].key
    assert key in response.content.decode()
    page = client.get(reverse("api_tokens")).content.decode()
    assert key not in page and "Board pack" in page
    assert "Copy it now" not in page


def test_a_nameless_token_is_refused_with_a_message(client, officer):
    client.force_login(officer)
    response = client.post(reverse("api_tokens"), {"name": " ", "expires_days": "0"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a name for the token" in page
    assert "Enter a number of days from 1 to 3650" in page
    assert not ApiToken.objects.exists()


def test_the_command_prints_a_working_key(client, officer, capsys):
    call_command("create_api_token", officer.email, "--name", "Nightly load", "--expires-days", "7")
    key = capsys.readouterr().out.strip()
    assert client.get(ACTIONS, **auth(key)).status_code == 200
    token = ApiToken.objects.get(user=officer)
    assert token.name == "Nightly load" and token.expires_at is not None


def test_the_rate_limit_is_per_token_and_answers_429_with_retry_after(client, officer, monkeypatch):
    cache.clear()
    monkeypatch.setattr(TokenRateThrottle, "rate", "2/minute", raising=False)
    first = api_token_create(user=officer, name="one").key
    second = api_token_create(user=officer, name="two").key
    answers = [client.get(ACTIONS, **auth(first)).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    limited = client.get(ACTIONS, **auth(first))
    assert int(limited["Retry-After"]) > 0
    assert client.get(ACTIONS, **auth(second)).status_code == 200
    cache.clear()


def test_the_token_page_costs_the_same_queries_for_1_and_20_tokens(client, officer):
    client.force_login(officer)
    factories.ApiTokenFactory(user=officer)

    def read(_):
        assert client.get(reverse("api_tokens")).status_code == 200

    assert_flat_queries(
        read, None, grow=lambda: factories.ApiTokenFactory.create_batch(19, user=officer)
    )
