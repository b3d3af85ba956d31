"""The council's OpenID provider: its discovery document and signing keys, and the settings
mozilla-django-oidc asks for, worked out from the few in config/settings.py.

Everything is read at request time (settings may change in tests). The discovery document
and the published keys (JWKS) are cached in memory for an hour; an ID token signed with a
key not in the cache makes one fresh fetch of the keys, so a rotated key works at once.
"""

import threading
import time

import jwt
import requests
from django.conf import settings

from accounts.sso.refusals import SignInRefused

CACHE_SECONDS = 3600
SIGNING_ALGORITHM = "RS256"
_cache: dict[str, tuple[float, dict]] = {}
_lock = threading.Lock()


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_CLIENT_ID)


def _fetch_json(url: str) -> dict:
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT_SECONDS)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as exc:
        raise SignInRefused("unavailable", detail=f"{url}: {exc}"[:150]) from exc


def _cached(url: str, *, fresh: bool = False) -> dict:
    with _lock:
        found = _cache.get(url)
    if found and not fresh and time.monotonic() - found[0] < CACHE_SECONDS:
        return found[1]
    document = _fetch_json(url)
    with _lock:
        _cache[url] = (time.monotonic(), document)
    return document


def forget() -> None:
    """Empty the cache (tests; a changed provider)."""
    with _lock:
        _cache.clear()


def discovery() -> dict:
    """The provider's /.well-known/openid-configuration, checked to be the configured issuer's."""
    url = f"{settings.OIDC_ISSUER}/.well-known/openid-configuration"
    document = _cached(url)
    if document.get("issuer", "").rstrip("/") != settings.OIDC_ISSUER:
        raise SignInRefused("issuer", detail=f"discovery names {document.get('issuer')!r}")
    return document


def signing_key(kid: str | None):
    """The provider's published key with this id, fetching the keys again once if unknown."""
    jwks_uri = discovery()["jwks_uri"]
    for fresh in (False, True):
        keys = [
            key
            for key in _cached(jwks_uri, fresh=fresh).get("keys", [])
            if key.get("use", "sig") == "sig" and key.get("alg", SIGNING_ALGORITHM) == "RS256"
        ]
        matching = [key for key in keys if key.get("kid") == kid] if kid else keys[:1]
        if matching:
            return jwt.PyJWK(matching[0], algorithm=SIGNING_ALGORITHM).key
    raise SignInRefused("unknown_key", detail=f"kid {kid!r}")


def library_setting(name: str, *default):
    """What mozilla-django-oidc's OIDC_RP_*/OIDC_OP_* settings would say, from ours."""
    derived = {
        "OIDC_RP_CLIENT_ID": lambda: settings.OIDC_CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": lambda: settings.OIDC_CLIENT_SECRET,
        "OIDC_RP_SCOPES": lambda: settings.OIDC_SCOPES,
        "OIDC_RP_SIGN_ALGO": lambda: SIGNING_ALGORITHM,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": lambda: discovery()["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": lambda: discovery()["token_endpoint"],
        "OIDC_OP_JWKS_ENDPOINT": lambda: discovery()["jwks_uri"],
        "OIDC_USE_PKCE": lambda: True,
        "OIDC_USE_NONCE": lambda: True,
        "OIDC_CREATE_USER": lambda: settings.OIDC_CREATE_USERS,
        "OIDC_TIMEOUT": lambda: settings.OIDC_TIMEOUT_SECONDS,
        "OIDC_AUTHENTICATION_CALLBACK_URL": lambda: "oidc_callback",
        "OIDC_STORE_ID_TOKEN": lambda: True,
    }
    if name in derived:
        return derived[name]()
    return getattr(settings, name, *default)
