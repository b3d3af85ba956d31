"""Authentication and transport settings a UK public-sector system needs (ASVS level 2)."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from improvement.models import Evidence
from tests import factories

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-like-secret-key-for-the-settings-check-0123456789",
    "ALLOWED_HOSTS": "tracker.example.org",
}


def production_setting(expression: str, **env) -> str:
    """Evaluate a setting under production settings in a fresh interpreter."""
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return (result.stdout + result.stderr).strip()


def test_production_refuses_to_start_without_a_secret_key_or_hosts():
    assert "Set the SECRET_KEY environment variable" in production_setting("1", DEBUG="0")
    no_hosts = {**PRODUCTION, "ALLOWED_HOSTS": ""}
    assert "Set the ALLOWED_HOSTS environment variable" in production_setting("1", **no_hosts)


def test_production_transport_and_cookies_are_strict():
    values = production_setting(
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT,"
        " settings.SECURE_HSTS_SECONDS, settings.ADMIN_REQUIRE_OTP",
        **PRODUCTION,
    )
    assert values == "True True True 31536000 True"


def test_passwords_are_hashed_with_argon2_and_validated():
    assert production_setting("settings.PASSWORD_HASHERS[0]", **PRODUCTION).endswith(
        "Argon2PasswordHasher"
    )
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert {"MinimumLengthValidator", "CommonPasswordValidator"} <= set(names)


def test_sessions_end_after_30_minutes_idle_and_with_the_browser():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert "core.middleware.SessionIdleMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_COOKIE_HTTPONLY


@pytest.mark.django_db
def test_signing_in_gives_a_new_session_key(client):
    user = factories.UserFactory()
    client.get(reverse("login"))
    session = client.session
    session["before"] = "x"
    session.save()
    before = client.session.session_key
    response = client.post(
        reverse("login"), {"username": user.email, "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert client.session.session_key != before


@pytest.mark.django_db
def test_five_failed_sign_ins_lock_the_account_for_15_minutes(client):
    user = factories.UserFactory()
    for _ in range(5):
        client.post(reverse("login"), {"username": user.email, "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": user.email, "password": "a-long-test-password"}
    )
    assert response.status_code == 429
    assert b"locked for 15 minutes" in response.content


def test_behind_a_proxy_lock_out_uses_the_forwarded_client_address():
    assert production_setting("settings.TRUSTED_PROXY_COUNT", **PRODUCTION) == "0"
    assert production_setting("settings.TRUSTED_PROXY_COUNT", BEHIND_PROXY="1", **PRODUCTION) == "1"
    two = production_setting(
        "settings.TRUSTED_PROXY_COUNT", BEHIND_PROXY="1", TRUSTED_PROXY_COUNT="2", **PRODUCTION
    )
    assert two == "2"
    refused = production_setting("1", TRUSTED_PROXY_COUNT="-1", **PRODUCTION)
    assert "TRUSTED_PROXY_COUNT must be 0 or more" in refused
    assert settings.AXES_CLIENT_IP_CALLABLE == "core.network.client_address"
    assert settings.AXES_USERNAME_CALLABLE == "accounts.lockout.lockout_username"


def not_stored(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and response["Pragma"] == "no-cache"


@pytest.mark.django_db
def test_pages_exports_and_downloads_for_a_signed_in_person_are_not_stored(client, officer):
    update = factories.ProgressUpdateFactory()
    stored = Evidence.objects.create(
        update=update,
        file=ContentFile(b"%PDF-1.4 test", name="letter.pdf"),
        original_name="letter.pdf",
        content_type="application/pdf",
        size=13,
    )
    client.force_login(officer)

    for url, status in (
        (reverse("home"), 200),
        (reverse("action_export_csv"), 200),
        (reverse("action_export_xlsx"), 200),
        (reverse("evidence_download", args=[stored.pk]), 200),
        ("/no-such-page/", 404),
    ):
        response = client.get(url)
        assert response.status_code == status, url
        assert not_stored(response), url


@pytest.mark.django_db
def test_anonymous_pages_and_static_files_keep_their_caching(officer, settings):
    assert "no-store" not in Client().get(reverse("accessibility")).get("Cache-Control", "")

    settings.WHITENOISE_USE_FINDERS = True  # serve from static/ as DEBUG would
    signed_in = Client()  # a new client loads the middleware with this setting
    signed_in.force_login(officer)
    script = signed_in.get("/static/js/app.js")
    assert script.status_code == 200
    assert "no-store" not in script.get("Cache-Control", "")
