"""Each imported action's first progress update: the row's progress and status.

Posting each update through `services.actions.progress_update_post` took 3 ms a row on
SQLite and 6 ms on PostgreSQL (31 s for 5,000 rows before any action was written), so
the first update is built here, cached on its action by the function that service uses
(`latest_update_cache`), and written in bulk with its history.

The progress text was written before the import, by someone the file does not name, so
the update is not credited to whoever ran the import: it has no author, its author's name
and its audit-trail actor read "Import of <file>", and `imported_from` names the file.
"""

from __future__ import annotations

from datetime import datetime

from simple_history.utils import bulk_create_with_history

from improvement import periods
from improvement.importing import ParsedRow
from improvement.models import Action, ProgressUpdate
from improvement.services.actions import latest_update_cache
from improvement.status import Status


def has_update(row: ParsedRow) -> bool:
    return bool(row.progress) or row.status != Status.NOT_STARTED


def import_name(filename: str) -> str:
    """Who an imported update is credited to: the import, not a person."""
    return f"Import of {filename or 'a spreadsheet'}"[:150]


def first_update(action: Action, row: ParsedRow, *, filename: str, at: datetime) -> ProgressUpdate:
    """The row's progress and status as the action's first update, cached on the action
    by the function services.actions.progress_update_post uses."""
    status = row.status
    latest_update_cache(action, status=status, percent=None, at=at)
    narrative = row.progress or f"Status “{Status(status).label}” recorded in the imported plan."
    if status == Status.CLOSED:
        action.closed_reason = (row.progress or "Closed in the imported plan.")[:2_000]
    return ProgressUpdate(
        author=None,
        author_name=import_name(filename),
        imported_from=(filename or "a spreadsheet")[:200],
        narrative=narrative,
        status=status,
        created_at=at,
    )


def first_updates_create(
    actions: list[Action], updates: list[ProgressUpdate | None], history_options: dict
) -> None:
    """Write the saved actions' first updates (None where a row had none), with history
    whose actor's name is the import's (the person who ran it stays the history's user),
    then the actions' periods (bulk writes send no signals to keep them)."""
    for action, update in zip(actions, updates, strict=True):
        if update is not None:
            update.action = action
    written = [u for u in updates if u is not None]
    if written:
        _bulk_create(written, history_options)
    periods.refresh([action.pk for action in actions])


def _bulk_create(written: list[ProgressUpdate], history_options: dict) -> None:
    attrs = {
        **history_options["custom_historical_attrs"],
        "history_user_name": written[0].author_name,
    }
    options = {**history_options, "custom_historical_attrs": attrs}
    bulk_create_with_history(written, ProgressUpdate, **options)
