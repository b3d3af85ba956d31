"""The trail as CSV cells, for the export."""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone

from audit.selectors.entries import describe

CSV_HEADER = [
    "Time",
    "What happened",
    "Record type",
    "Record id",
    "Record",
    "Changed by",
    "IP address",
    "Changes",
]


def csv_rows(rows: QuerySet | None, user, batch: int = 500) -> Iterator[list[str]]:
    """Every entry of the trail as CSV cells, described a batch at a time."""
    yield CSV_HEADER
    if rows is None:
        return
    chunk = []
    for row in rows.iterator(chunk_size=batch):
        chunk.append(row)
        if len(chunk) == batch:
            yield from _csv_cells(chunk, user)
            chunk = []
    if chunk:
        yield from _csv_cells(chunk, user)


def _csv_cells(rows: list[dict], user) -> Iterator[list[str]]:
    for entry in describe(rows, user, shorten=False):
        yield [
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            entry.kind_label,
            entry.source_label,
            "" if entry.record_id is None else str(entry.record_id),
            entry.record_label,
            entry.actor_name,
            entry.ip or "",
            "; ".join(str(change) for change in entry.changes),
        ]
