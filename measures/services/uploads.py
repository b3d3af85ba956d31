"""Open-data files kept between the import's upload and its confirmation.

The bytes go to the default storage under measure-imports/ (never served), named by a
random token; the session holds the token and the file's name, so only the person who
uploaded can preview and confirm. Confirming deletes the file. Confirming twice (a double
click) writes once: the import matches measures by their series and leaves unchanged
values alone, and a second writer of the same new measure fails its unique series key
and rolls back.
"""

import re
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

FOLDER = "measure-imports"
SESSION_KEY = "measure_imports"
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32}")
MAX_PENDING = 3


def _name(token: str, part: str) -> str:
    if not TOKEN_RE.fullmatch(token):
        raise ValueError("Not an upload token")
    return f"{FOLDER}/{token}.{part}"


def open_data_keep(*, session, data: bytes, meta: bytes | None, file_name: str) -> str:
    token = secrets.token_urlsafe(24)
    default_storage.save(_name(token, "csv"), ContentFile(data))
    if meta:
        default_storage.save(_name(token, "meta.csv"), ContentFile(meta))
    pending = dict(session.get(SESSION_KEY, {}))
    pending[token] = {"file_name": file_name[:255], "meta": bool(meta)}
    for old in list(pending)[:-MAX_PENDING]:
        open_data_discard(session=None, token=old)
        del pending[old]
    session[SESSION_KEY] = pending
    return token


def open_data_details(*, session, token: str) -> dict | None:
    if not TOKEN_RE.fullmatch(token):
        return None
    return session.get(SESSION_KEY, {}).get(token)


def open_data_read(token: str, *, meta: bool) -> tuple[bytes | None, bytes | None]:
    def read(part):
        try:
            with default_storage.open(_name(token, part), "rb") as stored:
                return stored.read()
        except (FileNotFoundError, OSError):
            return None

    return read("csv"), read("meta.csv") if meta else None


def open_data_discard(*, session, token: str) -> None:
    for part in ("csv", "meta.csv"):
        default_storage.delete(_name(token, part))
    if session is not None:
        pending = dict(session.get(SESSION_KEY, {}))
        pending.pop(token, None)
        session[SESSION_KEY] = pending
