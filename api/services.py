"""Writes of API tokens: make one (the secret returned once), revoke one, note a use."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from api.models import ApiToken
from core.clock import now
from core.roles import is_admin

SCHEME = "ipt"  # improvement plan tracker: makes a leaked token easy to recognise
PREFIX_BYTES = 6
SECRET_BYTES = 32
LAST_USED_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str  # the whole value for the Authorization header, shown once


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_key(key: str) -> tuple[str, str] | None:
    """(prefix, secret) of a key shaped `ipt_<prefix>_<secret>`, or None."""
    parts = key.split("_")
    if len(parts) != 3 or parts[0] != SCHEME or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


@transaction.atomic
def api_token_create(*, user, name: str, expires_days: int | None = None) -> IssuedToken:
    """A new token for `user`; the key is returned here and never again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token"})
    if expires_days is not None and not 1 <= expires_days <= 3650:
        raise ValidationError({"expires_days": "Enter a number of days from 1 to 3650"})
    prefix, secret = secrets.token_hex(PREFIX_BYTES), secrets.token_urlsafe(SECRET_BYTES)
    secret = secret.replace("_", "-")  # the key's parts are split on underscores
    created = now()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=prefix,
        secret_hash=hash_secret(secret),
        created_at=created,
        expires_at=created + timedelta(days=expires_days) if expires_days else None,
    )
    return IssuedToken(token=token, key=f"{SCHEME}_{prefix}_{secret}")


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revoke a token: its owner or an administrator may; it stops working at once."""
    if token.user_id != by.pk and not is_admin(by):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = now()
        token.revoked_by = by
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def api_token_check(key: str) -> ApiToken | None:
    """The usable token this key belongs to, with its user, or None."""
    parts = split_key(key)
    if parts is None:
        return None
    prefix, secret = parts
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        return None
    return token if token.is_usable(now()) else None


def api_token_note_use(token: ApiToken) -> None:
    """Record the time of use, at most once a minute, without touching the trail."""
    moment = now()
    if token.last_used_at is None or moment - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
        token.last_used_at = moment
