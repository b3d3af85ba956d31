"""Each imported action's first progress update: the row's progress and status.

Posting each update through `services.actions.progress_update_post` took 3 ms a row on
SQLite and 6 ms on PostgreSQL (31 s for 5,000 rows before any action was written), so
the first update is built here, cached on its action by the function that service uses
(`latest_update_cache`), and written in bulk with its history.
"""

from __future__ import annotations

from datetime import datetime

from simple_history.utils import bulk_create_with_history

from audit.history import person_name
from improvement.importing import ParsedRow
from improvement.models import Action, ProgressUpdate
from improvement.services.actions import latest_update_cache
from improvement.status import Status


def has_update(row: ParsedRow) -> bool:
    return bool(row.progress) or row.status != Status.NOT_STARTED


def first_update(action: Action, row: ParsedRow, *, author, at: datetime) -> ProgressUpdate:
    """The row's progress and status as the action's first update, cached on the action
    by the function services.actions.progress_update_post uses."""
    status = row.status
    latest_update_cache(action, status=status, percent=None, at=at)
    narrative = row.progress or f"Status “{Status(status).label}” recorded in the imported plan."
    if status == Status.CLOSED:
        action.closed_reason = (row.progress or "Closed in the imported plan.")[:2_000]
    return ProgressUpdate(
        author=author,
        author_name=person_name(author),
        narrative=narrative,
        status=status,
        created_at=at,
    )


def first_updates_create(
    actions: list[Action], updates: list[ProgressUpdate | None], history_options: dict
) -> None:
    """Write the saved actions' first updates (None where a row had none), with history."""
    for action, update in zip(actions, updates, strict=True):
        if update is not None:
            update.action = action
    bulk_create_with_history(
        [u for u in updates if u is not None], ProgressUpdate, **history_options
    )
