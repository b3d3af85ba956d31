"""Uploaded files kept between an import's upload and its confirmation.

Two imports keep files here: the published statistics (`OPEN_DATA`: the open-data CSV and
its .meta.csv) and the council's own figures (`FIGURES`: one .csv or .xlsx). The bytes go
to the default storage under measure-imports/ (never served), named by a random token; the
session holds the token and the file's name, so only the person who uploaded can preview
and confirm. Confirming deletes the file. Confirming twice (a double click) writes once:
both imports leave unchanged values alone, and a second writer of the same new measure
fails its unique series key and rolls back.
"""

import re
import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

FOLDER = "measure-imports"
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32}")
MAX_PENDING = 3


@dataclass(frozen=True)
class Kind:
    session_key: str
    parts: tuple[str, ...]  # the first is the file itself


OPEN_DATA = Kind("measure_imports", ("csv", "meta.csv"))
FIGURES = Kind("measure_figure_imports", ("upload",))
SESSION_KEY = OPEN_DATA.session_key


def _name(token: str, part: str) -> str:
    if not TOKEN_RE.fullmatch(token):
        raise ValueError("Not an upload token")
    return f"{FOLDER}/{token}.{part}"


def keep(kind: Kind, *, session, files: dict[str, bytes], details: dict) -> str:
    """Store the files (by part) and remember them in the session; the token."""
    token = secrets.token_urlsafe(24)
    for part, data in files.items():
        if data:
            default_storage.save(_name(token, part), ContentFile(data))
    pending = dict(session.get(kind.session_key, {}))
    pending[token] = details | {"file_name": details["file_name"][:255]}
    for old in list(pending)[:-MAX_PENDING]:
        discard(kind, session=None, token=old)
        del pending[old]
    session[kind.session_key] = pending
    return token


def details_of(kind: Kind, *, session, token: str) -> dict | None:
    if not TOKEN_RE.fullmatch(token):
        return None
    return session.get(kind.session_key, {}).get(token)


def read(token: str, part: str) -> bytes | None:
    try:
        with default_storage.open(_name(token, part), "rb") as stored:
            return stored.read()
    except (FileNotFoundError, OSError):
        return None


def discard(kind: Kind, *, session, token: str) -> None:
    for part in kind.parts:
        default_storage.delete(_name(token, part))
    if session is not None:
        pending = dict(session.get(kind.session_key, {}))
        pending.pop(token, None)
        session[kind.session_key] = pending


def open_data_keep(*, session, data: bytes, meta: bytes | None, file_name: str) -> str:
    details = {"file_name": file_name, "meta": bool(meta)}
    return keep(OPEN_DATA, session=session, files={"csv": data, "meta.csv": meta}, details=details)


def open_data_details(*, session, token: str) -> dict | None:
    return details_of(OPEN_DATA, session=session, token=token)


def open_data_read(token: str, *, meta: bool) -> tuple[bytes | None, bytes | None]:
    return read(token, "csv"), read(token, "meta.csv") if meta else None


def open_data_discard(*, session, token: str) -> None:
    discard(OPEN_DATA, session=session, token=token)
