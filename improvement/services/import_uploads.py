"""Uploaded working documents kept between the import preview and its confirmation.

The bytes go to the default storage under imports/ (MEDIA_ROOT/imports/ on disk, never
served), named by a random token, with the result of parsing them beside them (as JSON),
so the file is parsed once, at upload, however often the preview is viewed. The session
holds only the token and the choices made, so the user who uploaded is the only one who
can confirm. Files are deleted on confirm, and any left behind (an abandoned preview)
are swept away after a day.
"""

import logging
import re
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from improvement.importing import ParseResult, result_from_json, result_to_json

FOLDER = "imports"
KEEP_FOR = timedelta(days=1)
SESSION_KEY = "plan_imports"
MAX_PENDING = 5  # per session: older uploads are dropped
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32}")

logger = logging.getLogger(__name__)


def _name(token: str, suffix: str = "upload") -> str:
    if not TOKEN_RE.fullmatch(token):
        raise ValueError("Not an upload token")
    return f"{FOLDER}/{token}.{suffix}"


def _parsed_name(token: str) -> str:
    return _name(token, "parsed.json")


def upload_keep(*, session, data: bytes, details: dict, parsed: ParseResult) -> str:
    """Store the bytes and their parse, remember them in the session, return their token."""
    upload_sweep()
    token = secrets.token_urlsafe(24)
    default_storage.save(_name(token), ContentFile(data))
    upload_keep_parsed(token, parsed)
    pending = dict(session.get(SESSION_KEY, {}))
    pending[token] = details
    for old in list(pending)[:-MAX_PENDING]:
        upload_discard(session=None, token=old)
        del pending[old]
    session[SESSION_KEY] = pending
    return token


def upload_details(*, session, token: str) -> dict | None:
    """The choices made at upload, or None if the token is not this session's."""
    if not TOKEN_RE.fullmatch(token):
        return None
    return session.get(SESSION_KEY, {}).get(token)


def upload_read(token: str) -> bytes | None:
    try:
        with default_storage.open(_name(token), "rb") as stored:
            return stored.read()
    except (FileNotFoundError, OSError):
        return None


def upload_keep_parsed(token: str, parsed: ParseResult) -> None:
    name = _parsed_name(token)
    default_storage.delete(name)  # save() would pick another name beside an old one
    default_storage.save(name, ContentFile(result_to_json(parsed).encode()))


def upload_parsed(token: str) -> ParseResult | None:
    """The parse stored at upload; None when it is missing or unreadable (parse again)."""
    try:
        with default_storage.open(_parsed_name(token), "rb") as stored:
            return result_from_json(stored.read().decode())
    except (FileNotFoundError, OSError, UnicodeDecodeError):
        return None


def upload_discard(*, session, token: str) -> None:
    """Delete the stored file and its parse, and forget the token."""
    try:
        default_storage.delete(_name(token))
        default_storage.delete(_parsed_name(token))
    except OSError:  # already gone: nothing to keep
        logger.warning("Could not delete the import upload %s", token)
    if session is not None and token in session.get(SESSION_KEY, {}):
        pending = dict(session[SESSION_KEY])
        del pending[token]
        session[SESSION_KEY] = pending


def upload_sweep() -> int:
    """Delete uploads older than KEEP_FOR; returns how many went."""
    try:
        _, files = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return 0
    cutoff = timezone.now() - KEEP_FOR
    removed = 0
    for name in files:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
        except OSError:
            continue
    return removed
